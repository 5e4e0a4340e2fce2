"""Divides by the sample standard deviation (ddof=1, pandas' default), not the population one."""

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
    spread = values.std(axis=0, ddof=1)
    varies = values.max(axis=0) > values.min(axis=0)
    effects = np.where(varies, (inside - outside) / np.where(varies, spread, 1.0), 0.0)
    return pd.DataFrame(effects, index=clusters, columns=features.columns), pd.Series(sizes, index=clusters)
