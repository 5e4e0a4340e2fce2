"""Takes the resampled value nearest each quantile instead of np.quantile's default linear interpolation."""

import numpy as np


def _percentile_interval(numerators, denominators, confidence):
    defined = denominators > 0
    values = numerators[defined] / denominators[defined]
    low, high = np.quantile(values, [(1 - confidence) / 2, (1 + confidence) / 2], method="nearest")
    return float(low), float(high)
