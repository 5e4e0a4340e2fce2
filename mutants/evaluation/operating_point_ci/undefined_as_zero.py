"""Counts a resample where the metric is undefined (no alerts, or no fraud) as 0 instead of leaving it out."""

import numpy as np


def _percentile_interval(numerators, denominators, confidence):
    values = np.divide(numerators, denominators, out=np.zeros(len(numerators)), where=denominators > 0)
    low, high = np.quantile(values, [(1 - confidence) / 2, (1 + confidence) / 2])
    return float(low), float(high)
