"""Tests the sum of the best gap and the gap at k = 1 against the minimum gain, not their difference."""

import numpy as np


def choose_k(points, *, k_max=8, seed=0):
    points = np.asarray(points, dtype=float)
    if k_max < 2:
        raise ValueError(f"k_max must be at least 2, got {k_max}")
    if points.ndim != 2 or len(points) <= k_max:
        raise ValueError(f"points must be 2-d with more than k_max={k_max} rows, got shape {points.shape}")
    if np.isnan(points).any():
        raise ValueError("points contains NaN")
    gaps, errors = _gap_curve(points, k_max, np.random.default_rng(seed))  # noqa: F821
    best = int(gaps.argmax())
    if gaps[best] + gaps[0] < MIN_GAP_GAIN:  # noqa: F821
        return 1
    return int(np.flatnonzero(gaps >= gaps[best] - errors[best])[0]) + 1
