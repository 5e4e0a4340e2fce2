"""Ranks and reports raw mean differences, so features on large scales (spend, tenure) always win."""

import numpy as np
import pandas as pd


def _effects(features, labels):
    values = features.to_numpy(dtype=float)
    clusters, codes = np.unique(labels, return_inverse=True)
    inside = np.array([values[codes == c].mean(axis=0) for c in range(len(clusters))])
    outside = np.array([values[codes != c].mean(axis=0) for c in range(len(clusters))])
    return (
        pd.DataFrame(inside - outside, index=clusters, columns=features.columns),
        pd.Series(np.bincount(codes), index=clusters),
    )
