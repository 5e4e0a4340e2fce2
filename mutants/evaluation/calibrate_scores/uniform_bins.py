"""Bins the calibration error by equal-width probability intervals instead of quantiles."""

import numpy as np


def _bin_of_each_row(probabilities, n_bins):
    return np.clip((probabilities * n_bins).astype(int), 0, n_bins - 1)
