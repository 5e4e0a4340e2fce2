"""Leaves out the rule for a pooled rate of 0 or 1, where the z statistic is 0 / 0."""

import numpy as np
from scipy.stats import norm


def _raw_p_values(sizes, conversions):
    total, converted = sizes.sum(), conversions.sum()
    pooled = converted / total
    rest_sizes = total - sizes
    difference = conversions / sizes - (converted - conversions) / rest_sizes
    error = np.sqrt(pooled * (1 - pooled) * (1 / sizes + 1 / rest_sizes))
    return 2 * norm.sf(np.abs(difference / error))
