"""Draws the days without replacement: every resample is the same set of days, so the interval has no width."""

import numpy as np


def _resampled_totals(counts, n_resamples, rng):
    drawn = np.array([rng.permutation(len(counts)) for _ in range(n_resamples)])
    return counts[drawn].sum(axis=1)
