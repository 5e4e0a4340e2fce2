"""Checks the classes only when there are rows, so an empty input is not refused with ValueError."""

import numpy as np


def _checked(labels, scores):
    labels, scores = np.asarray(labels, dtype=float), np.asarray(scores, dtype=float)
    if labels.shape != scores.shape:
        raise ValueError("labels and scores must have the same length")
    if len(labels) and labels.min() == labels.max():
        raise ValueError("only one class is present")
    return labels, scores
