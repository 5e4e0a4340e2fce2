"""Tests every segment at the full alpha, without correcting for testing m segments at once."""

import numpy as np
import pandas as pd
from scipy.stats import norm


def conversion_by_cluster(labels, converted, *, alpha=0.05):
    labels, converted = np.asarray(labels), np.asarray(converted)
    if len(labels) != len(converted) or not np.isin(converted, (0, 1)).all() or not 0 < alpha < 1:
        raise ValueError("bad input")
    clusters, codes = np.unique(labels, return_inverse=True)
    if len(clusters) < 2:
        raise ValueError("at least 2 segments are needed")
    sizes = np.bincount(codes).astype(float)
    conversions = np.bincount(codes, weights=converted.astype(float))
    rates = conversions / sizes
    p_values = _raw_p_values(sizes, conversions)  # noqa: F821 - the solution's helper
    low, high = _wilson(rates, sizes, norm.ppf(1 - alpha / 2))  # noqa: F821
    return pd.DataFrame(
        {
            "cluster": clusters,
            "size": sizes.astype(int),
            "conversions": conversions.astype(int),
            "rate": rates,
            "low": low,
            "high": high,
            "p_value": p_values,
            "significant": p_values < alpha,
        }
    )
