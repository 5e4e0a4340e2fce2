"""Reads 1-d points as a single coordinate instead of refusing them."""

import numpy as np

_reference = choose_k  # noqa: F821 - the solution's function


def choose_k(points, *, k_max=8, seed=0):
    points = np.asarray(points, dtype=float)
    return _reference(points[:, None] if points.ndim == 1 else points, k_max=k_max, seed=seed)
