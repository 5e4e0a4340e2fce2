"""Meets the budget with a single tree as deep as the whole budget: no averaging at all."""


def choose_forest(X, y, *, budget):
    return {"n_estimators": 1, "max_depth": budget}
