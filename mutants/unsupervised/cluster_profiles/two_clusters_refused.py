"""Asks for more than 2 clusters (<= 2 where the contract refuses fewer than 2)."""

import numpy as np
import pandas as pd


def profile_clusters(features, labels, *, top=3):
    labels = np.asarray(labels)
    if len(labels) != len(features):
        raise ValueError(f"features has {len(features)} rows but labels has {len(labels)}")
    if not all(pd.api.types.is_numeric_dtype(dtype) for dtype in features.dtypes):
        raise ValueError("every feature must be numeric")
    if len(np.unique(labels)) <= 2:
        raise ValueError("profiles need at least 2 clusters")
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    effects, sizes = _effects(features, labels)  # noqa: F821 - the solution's helper
    rows = []
    for cluster, row in effects.iterrows():
        order = np.argsort(-row.abs().to_numpy(), kind="stable")[:top]
        for rank, j in enumerate(order, start=1):
            rows.append((cluster, int(sizes[cluster]), rank, features.columns[j], float(row.iloc[j])))
    return pd.DataFrame(rows, columns=["cluster", "size", "rank", "feature", "effect"])
