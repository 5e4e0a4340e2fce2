"""Puts a probability equal to an inner edge in the bin above: [lower, upper) intervals instead of (lower, upper]."""

import numpy as np


def _bin_of_each_row(probabilities, n_bins):
    edges = np.quantile(probabilities, np.linspace(0, 1, n_bins + 1))
    return np.searchsorted(edges[1:-1], probabilities, side="right")
