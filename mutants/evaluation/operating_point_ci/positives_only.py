"""Resamples only the frauds: false alarms are held fixed, so precision looks far too certain."""

import numpy as np


def _resampled_totals(counts, n_resamples, rng):
    hits, alerts, frauds = counts.sum(axis=0)
    resampled_hits = rng.binomial(int(frauds), hits / frauds, size=n_resamples)
    return np.column_stack([resampled_hits, resampled_hits + (alerts - hits), np.full(n_resamples, frauds)])
