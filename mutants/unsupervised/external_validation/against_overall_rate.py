"""Tests each segment against the overall rate, which includes the segment itself, instead of against the rest."""

import numpy as np
from scipy.stats import norm


def _raw_p_values(sizes, conversions):
    pooled = conversions.sum() / sizes.sum()
    if pooled in (0.0, 1.0):
        return np.ones(len(sizes))
    z = (conversions / sizes - pooled) / np.sqrt(pooled * (1 - pooled) / sizes)
    return 2 * norm.sf(np.abs(z))
