"""Ignores the data and always picks depth 2 with as many trees as the budget allows."""


def choose_forest(X, y, *, budget):
    depth = min(2, budget)
    return {"n_estimators": budget // depth, "max_depth": depth}
