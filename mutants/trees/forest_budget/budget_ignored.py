"""Ignores the budget: a hundred fully grown trees, the configuration that scores best when cost is free."""


def choose_forest(X, y, *, budget):
    return {"n_estimators": 100, "max_depth": None}
