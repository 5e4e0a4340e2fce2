"""Never checks n_resamples: zero resamples fail inside np.quantile instead of raising ValueError up front."""

import numpy as np


def operating_point_ci(scores, labels, days, threshold, *, n_resamples=1000, confidence=0.95, seed=0):
    if not len(scores) == len(labels) == len(days):
        raise ValueError("scores, labels and days differ in length")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be in (0, 1)")
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
