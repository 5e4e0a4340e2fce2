"""Average precision as the trapezoidal area under the precision-recall curve."""

import numpy as np


def average_precision(labels, scores):
    positives, negatives = _counts_by_threshold(labels, scores)  # noqa: F821 - the solution's helper
    true_positives = np.cumsum(positives)
    precision = np.r_[1.0, true_positives / (true_positives + np.cumsum(negatives))]
    recall = np.r_[0.0, true_positives / true_positives[-1]]
    return float(np.trapezoid(precision, recall))
