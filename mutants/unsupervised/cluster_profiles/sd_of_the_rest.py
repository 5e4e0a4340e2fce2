"""Divides by the standard deviation of the rows outside the cluster, not of all rows."""

import numpy as np
import pandas as pd


def _effects(features, labels):
    values = features.to_numpy(dtype=float)
    clusters, codes = np.unique(labels, return_inverse=True)
    effects = []
    for c in range(len(clusters)):
        inside, outside = values[codes == c], values[codes != c]
        spread = outside.std(axis=0)
        varies = values.max(axis=0) > values.min(axis=0)
        gap = inside.mean(axis=0) - outside.mean(axis=0)
        effects.append(np.where(varies & (spread > 0), gap / np.where(spread > 0, spread, 1.0), 0.0))
    return (
        pd.DataFrame(np.array(effects), index=clusters, columns=features.columns),
        pd.Series(np.bincount(codes), index=clusters),
    )
