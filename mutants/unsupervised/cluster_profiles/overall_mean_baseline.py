"""Compares each cluster with the overall mean, which still contains the cluster itself, instead of with the rest."""

import numpy as np
import pandas as pd


def _effects(features, labels):
    values = features.to_numpy(dtype=float)
    clusters, codes = np.unique(labels, return_inverse=True)
    inside = np.array([values[codes == c].mean(axis=0) for c in range(len(clusters))])
    spread = values.std(axis=0)
    effects = np.where(spread > 0, (inside - values.mean(axis=0)) / np.where(spread > 0, spread, 1), 0.0)
    return pd.DataFrame(effects, index=clusters, columns=features.columns), pd.Series(
        np.bincount(codes), index=clusters
    )
