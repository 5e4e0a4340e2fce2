"""Accepts confidence 0 and 1 (checks 0 <= confidence <= 1), though the docstring asks for the open interval."""

import numpy as np


def operating_point_ci(scores, labels, days, threshold, *, n_resamples=1000, confidence=0.95, seed=0):
    if not len(scores) == len(labels) == len(days):
        raise ValueError("scores, labels and days differ in length")
    if n_resamples < 1 or not 0 <= confidence <= 1:
        raise ValueError("invalid n_resamples or confidence")
    counts = _daily_counts(scores, labels, days, threshold)  # noqa: F821 - the solution's helper
    hits, alerts, frauds = counts.sum(axis=0)
    if alerts == 0 or frauds == 0:
        raise ValueError("nothing is alerted or there is no fraud")
    totals = _resampled_totals(counts, n_resamples, np.random.default_rng(seed))  # noqa: F821
    return {
        "precision": float(hits / alerts),
        "recall": float(hits / frauds),
        "precision_interval": _percentile_interval(totals[:, 0], totals[:, 1], confidence),  # noqa: F821
        "recall_interval": _percentile_interval(totals[:, 0], totals[:, 2], confidence),  # noqa: F821
    }
