"""Never checks n_bins: with n_bins=0 every row falls in one bin and a number comes back instead of ValueError."""

import numpy as np


def calibration_error(labels, probabilities, *, n_bins=10):
    labels, probabilities = np.asarray(labels, dtype=float), np.asarray(probabilities, dtype=float)
    if labels.shape != probabilities.shape or len(labels) == 0:
        raise ValueError("need aligned, non-empty inputs")
    bins = _bin_of_each_row(probabilities, n_bins)  # noqa: F821 - the solution's helper
    label_sums = np.bincount(bins, weights=labels)
    probability_sums = np.bincount(bins, weights=probabilities)
    return float(np.sum(np.abs(label_sums - probability_sums)) / len(labels))
