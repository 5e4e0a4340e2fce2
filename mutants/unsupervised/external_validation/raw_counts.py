"""Compares raw conversion counts, as if every segment should hold an equal share of the conversions, ignoring sizes."""

import numpy as np
from scipy.stats import norm


def _raw_p_values(sizes, conversions):
    total = conversions.sum()
    if total == 0:
        return np.ones(len(sizes))
    expected = total / len(sizes)  # an equal share of conversions per segment, whatever its size
    share = 1 / len(sizes)
    z = (conversions - expected) / np.sqrt(total * share * (1 - share))
    return 2 * norm.sf(np.abs(z))
