"""Reads a 1-d X as a single feature instead of refusing it."""

import numpy as np

_reference_best_split = best_split  # noqa: F821 - the solution's function


def best_split(X, y):
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X[:, None]
    return _reference_best_split(X, y)
