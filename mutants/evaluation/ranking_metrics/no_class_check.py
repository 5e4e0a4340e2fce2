"""Returns a number (NaN) when only one class is present, instead of raising ValueError."""

import numpy as np


def _checked(labels, scores):
    labels, scores = np.asarray(labels, dtype=float), np.asarray(scores, dtype=float)
    if labels.shape != scores.shape:
        raise ValueError("labels and scores must have the same length")
    return labels, scores
