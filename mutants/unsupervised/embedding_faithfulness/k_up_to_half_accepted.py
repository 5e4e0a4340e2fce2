"""Accepts k = n/2 (k <= n/2 where the contract demands k < n/2)."""

import numpy as np


def _checked(X, Y, k):
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    if X.ndim != 2 or Y.ndim != 2 or len(X) != len(Y):
        raise ValueError("X and Y must be 2-d arrays with the same number of rows")
    if not 1 <= k <= len(X) / 2:
        raise ValueError("k out of range")
    return X, Y
