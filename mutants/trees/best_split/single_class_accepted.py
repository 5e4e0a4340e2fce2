"""Does not refuse labels of a single class: returns some split, though none can lower a zero impurity."""

import numpy as np


def best_split(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-d, got shape {X.shape}")
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)}")
    best = (-np.inf, -1, np.nan)
    for feature in range(X.shape[1]):
        decrease, threshold = _best_on_feature(X[:, feature], y)  # noqa: F821 - the solution's helper
        if decrease > best[0]:
            best = (decrease, feature, threshold)
    if best[1] < 0:
        raise ValueError("no feature takes two distinct values: there is nothing to split")
    return best[1], best[2]
