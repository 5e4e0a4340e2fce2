"""Refuses inputs without positives but not inputs without negatives, where the metrics are undefined too."""

import numpy as np


def _checked(labels, scores):
    labels, scores = np.asarray(labels, dtype=float), np.asarray(scores, dtype=float)
    if labels.shape != scores.shape or len(labels) == 0:
        raise ValueError("labels and scores must be aligned and non-empty")
    if not labels.any():
        raise ValueError("no positives: the metric is not defined")
    return labels, scores
