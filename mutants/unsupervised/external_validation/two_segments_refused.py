"""Asks for more than 2 segments (<= 2 where the contract refuses fewer than 2)."""

import numpy as np
import pandas as pd
from scipy.stats import norm


def conversion_by_cluster(labels, converted, *, alpha=0.05):
    labels, converted = np.asarray(labels), np.asarray(converted)
    if len(labels) != len(converted):
        raise ValueError(f"labels has {len(labels)} entries but converted has {len(converted)}")
    if not np.isin(converted, (0, 1)).all():
        raise ValueError("converted must hold only 0 and 1")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be strictly between 0 and 1, got {alpha}")
    clusters, codes = np.unique(labels, return_inverse=True)
    if len(clusters) <= 2:
        raise ValueError("at least 2 segments are needed")
    sizes = np.bincount(codes).astype(float)
    conversions = np.bincount(codes, weights=converted.astype(float))
    rates = conversions / sizes
    m = len(clusters)
    p_values = np.minimum(1.0, m * _raw_p_values(sizes, conversions))  # noqa: F821 - the solution's helper
    low, high = _wilson(  # noqa: F821 - the solution's helper
        rates, sizes, norm.ppf(1 - alpha / (2 * m))
    )
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
