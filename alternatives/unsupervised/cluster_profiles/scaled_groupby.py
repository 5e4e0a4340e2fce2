"""Standardises with scikit-learn's StandardScaler first, then takes mean differences with a pandas groupby."""

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler


def profile_clusters(features, labels, *, top=3):
    labels = np.asarray(labels)
    if len(labels) != len(features) or top < 1 or len(pd.unique(labels)) < 2:
        raise ValueError("labels must align with features, with 2+ clusters and top >= 1")
    if any(not pd.api.types.is_numeric_dtype(t) for t in features.dtypes):
        raise ValueError("features must be numeric")
    scaled = pd.DataFrame(StandardScaler().fit_transform(features), columns=features.columns)  # constant -> 0
    grouped = scaled.groupby(labels)
    sums, sizes = grouped.sum(), grouped.size()
    total, n = scaled.sum(), len(scaled)
    records = []
    for cluster in sums.index:
        effect = sums.loc[cluster] / sizes[cluster] - (total - sums.loc[cluster]) / (n - sizes[cluster])
        ranked = effect.abs().reset_index(drop=True).sort_values(ascending=False, kind="stable").index[:top]
        for rank, j in enumerate(ranked, start=1):
            records.append(
                {
                    "cluster": cluster,
                    "size": int(sizes[cluster]),
                    "rank": rank,
                    "feature": features.columns[j],
                    "effect": float(effect.iloc[j]),
                }
            )
    return pd.DataFrame(records)
