"""Average precision by one pass over all rows per distinct score: right values, O(n x distinct scores) time."""

import numpy as np


def average_precision(labels, scores):
    labels, scores = _checked(labels, scores)  # noqa: F821 - the solution's helper
    total = 0.0
    for threshold in np.unique(scores)[::-1]:
        flagged = scores >= threshold
        new_positives = labels[scores == threshold].sum()
        total += new_positives * labels[flagged].sum() / flagged.sum()
    return float(total / labels.sum())
