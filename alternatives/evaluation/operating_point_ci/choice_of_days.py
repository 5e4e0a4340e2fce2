"""Draws day labels with rng.choice and counts with np.bincount; np.percentile for the interval."""

import numpy as np


def operating_point_ci(scores, labels, days, threshold, *, n_resamples=1000, confidence=0.95, seed=0):
    scores, labels, days = np.asarray(scores, dtype=float), np.asarray(labels), np.asarray(days)
    if not len(scores) == len(labels) == len(days) or n_resamples < 1 or not 0 < confidence < 1:
        raise ValueError("invalid arguments")
    alerted, fraud = scores >= threshold, labels == 1
    if not alerted.any() or not fraud.any():
        raise ValueError("precision or recall undefined")
    unique_days, day_index = np.unique(days, return_inverse=True)
    per_day = {
        name: np.bincount(day_index, weights=values.astype(float), minlength=len(unique_days))
        for name, values in {"hits": alerted & fraud, "alerts": alerted, "frauds": fraud}.items()
    }
    rng = np.random.default_rng(seed)
    drawn = rng.choice(len(unique_days), size=(n_resamples, len(unique_days)), replace=True)
    hits, alerts, frauds = (per_day[name][drawn].sum(axis=1) for name in ("hits", "alerts", "frauds"))
    tails = [100 * (1 - confidence) / 2, 100 * (1 + confidence) / 2]
    samples = {"precision": hits[alerts > 0] / alerts[alerts > 0], "recall": hits[frauds > 0] / frauds[frauds > 0]}
    hits, alerts, frauds = (per_day[name].sum() for name in ("hits", "alerts", "frauds"))
    return {
        "precision": hits / alerts,
        "recall": hits / frauds,
        "precision_interval": tuple(np.percentile(samples["precision"], tails)),
        "recall_interval": tuple(np.percentile(samples["recall"], tails)),
    }
