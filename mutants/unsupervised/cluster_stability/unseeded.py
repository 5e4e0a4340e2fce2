"""Creates its random generator without the seed, so the same call gives a different score each time."""

import numpy as np

_seeded = cluster_stability  # noqa: F821 - the solution's function


def cluster_stability(points, k, *, share=0.8, n_pairs=5, seed=0):
    return _seeded(points, k, share=share, n_pairs=n_pairs, seed=int(np.random.default_rng().integers(2**31)))
