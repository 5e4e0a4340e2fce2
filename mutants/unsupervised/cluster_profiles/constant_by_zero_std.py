"""Detects a constant feature by a standard deviation of exactly 0, which rounding misses (seven copies of 0.1)."""

import numpy as np
import pandas as pd


def _effects(features, labels):
    values = features.to_numpy(dtype=float)
    clusters, codes = np.unique(labels, return_inverse=True)
    sizes = np.bincount(codes)
    sums = np.zeros((len(clusters), values.shape[1]))
    np.add.at(sums, codes, values)
    inside = sums / sizes[:, None]
    outside = (values.sum(axis=0) - sums) / (len(values) - sizes)[:, None]
    spread = values.std(axis=0)
    varies = spread > 0
    effects = np.where(varies, (inside - outside) / np.where(varies, spread, 1.0), 0.0)
    return pd.DataFrame(effects, index=clusters, columns=features.columns), pd.Series(sizes, index=clusters)
