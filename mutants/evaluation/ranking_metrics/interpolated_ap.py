"""Interpolated average precision: each threshold takes the best precision at any lower threshold."""

import numpy as np


def average_precision(labels, scores):
    positives, negatives = _counts_by_threshold(labels, scores)  # noqa: F821 - the solution's helper
    true_positives = np.cumsum(positives)
    precision = true_positives / (true_positives + np.cumsum(negatives))
    interpolated = np.maximum.accumulate(precision[::-1])[::-1]
    return float(np.sum(interpolated * positives) / true_positives[-1])
