"""Scales every column to unit variance before clustering, though the points are already on a common scale."""

import numpy as np

_reference = choose_k  # noqa: F821 - the solution's function


def choose_k(points, *, k_max=8, seed=0):
    points = np.asarray(points, dtype=float)
    if points.ndim == 2 and len(points) > 1:
        points = (points - points.mean(axis=0)) / np.where(points.std(axis=0) > 0, points.std(axis=0), 1.0)
    return _reference(points, k_max=k_max, seed=seed)
