"""Takes the numeric bin edges from the current period's quantiles instead of the reference's."""

import numpy as np


def _numeric_edges(reference_values, current_values, n_bins):
    present = current_values[~np.isnan(current_values)]
    return np.unique(np.quantile(present, np.linspace(0, 1, n_bins + 1)[1:-1]))
