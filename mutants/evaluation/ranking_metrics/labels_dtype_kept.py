"""Counts the classes with np.bincount on the labels as given, which numpy refuses for float labels."""

import numpy as np


def _checked(labels, scores):
    labels, scores = np.asarray(labels), np.asarray(scores, dtype=float)
    if labels.shape != scores.shape or len(labels) == 0:
        raise ValueError("labels and scores must be aligned and non-empty")
    negatives, positives = np.bincount(labels, minlength=2)[:2]
    if not negatives or not positives:
        raise ValueError("only one class is present")
    return labels.astype(float), scores
