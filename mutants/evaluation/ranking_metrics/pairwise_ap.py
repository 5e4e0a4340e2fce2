"""Average precision by comparing every positive with every row (in vectorised blocks): O(P x n) time."""

import numpy as np


def average_precision(labels, scores):
    labels, scores = _checked(labels, scores)  # noqa: F821 - the solution's helper
    positive_scores = scores[labels == 1]
    total = 0.0
    for start in range(0, len(positive_scores), 2000):
        block = positive_scores[start : start + 2000, None]
        at_or_above = scores >= block
        total += np.sum(np.sum(at_or_above & (labels == 1), axis=1) / np.sum(at_or_above, axis=1))
    return float(total / len(positive_scores))
