"""Spends the whole budget on as many trees as possible, so every tree is a stump of depth 1."""


def choose_forest(X, y, *, budget):
    return {"n_estimators": budget, "max_depth": 1}
