"""Draws the resamples from a fresh, unseeded generator: a different interval on every call."""

import numpy as np


def _resampled_totals(counts, n_resamples, rng):
    drawn = np.random.default_rng().integers(0, len(counts), size=(n_resamples, len(counts)))
    return counts[drawn].sum(axis=1)
