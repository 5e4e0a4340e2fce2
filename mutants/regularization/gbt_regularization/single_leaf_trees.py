"""Regularises to the extreme with one leaf per tree, a value the model refuses (it needs at least two)."""

_reference = choose_hyperparameters  # noqa: F821 - the solution's function


def choose_hyperparameters(features, clicks):
    return {**_reference(features, clicks), "max_leaf_nodes": 1}
