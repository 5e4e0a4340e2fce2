"""Averages the bins' calibration gaps without weighting them by how many rows they hold."""

import numpy as np


def calibration_error(labels, probabilities, *, n_bins=10):
    labels, probabilities = np.asarray(labels, dtype=float), np.asarray(probabilities, dtype=float)
    bins = _bin_of_each_row(probabilities, n_bins)  # noqa: F821 - the solution's helper
    gaps = [abs(labels[bins == b].mean() - probabilities[bins == b].mean()) for b in np.unique(bins)]
    return float(np.mean(gaps))
