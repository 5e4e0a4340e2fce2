"""Compares every positive with every negative (in vectorised blocks): right values, O(P x N) time."""

import numpy as np


def roc_auc(labels, scores):
    labels, scores = _checked(labels, scores)  # noqa: F821 - the solution's helper
    positives, negatives = scores[labels == 1], scores[labels == 0]
    wins = 0.0
    for start in range(0, len(positives), 2000):
        block = positives[start : start + 2000, None]
        wins += np.sum(block > negatives) + 0.5 * np.sum(block == negatives)
    return float(wins / (len(positives) * len(negatives)))
