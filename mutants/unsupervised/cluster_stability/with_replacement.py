"""Draws each subsample with replacement (numpy's default), so a subsample repeats rows and misses others."""

import numpy as np


def cluster_stability(points, k, *, share=0.8, n_pairs=5, seed=0):
    points = np.asarray(points, dtype=float)
    if points.ndim != 2:
        raise ValueError(f"points must be 2-d, got shape {points.shape}")
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    if n_pairs < 1 or k < 2:
        raise ValueError("n_pairs must be >= 1 and k >= 2")
    size = round(share * len(points))
    if size < k:
        raise ValueError("a subsample cannot hold k clusters")
    rng = np.random.default_rng(seed)
    scores = []
    for _ in range(n_pairs):
        rows_a = np.unique(rng.choice(len(points), size=size))
        rows_b = np.unique(rng.choice(len(points), size=size))
        labels_a = _subsample_labels(points, rows_a, k, rng)  # noqa: F821 - the solution's helper
        labels_b = _subsample_labels(points, rows_b, k, rng)  # noqa: F821
        scores.append(_agreement(rows_a, labels_a, rows_b, labels_b))  # noqa: F821 - the solution's helper
    return float(np.mean(scores))
