"""AUC from the Mann-Whitney statistic, duplicates with scipy's cKDTree under the max-norm."""

import numpy as np
from scipy.spatial import cKDTree
from scipy.stats import mannwhitneyu


def find_leaks(train, labels, test, available_after, *, auc_threshold=0.95, tolerance=1e-6):
    labels = np.asarray(labels)
    flagged = []
    for column in train.columns:
        values = train[column].to_numpy(dtype=float)
        statistic = mannwhitneyu(values[labels == 1], values[labels == 0]).statistic
        auc = statistic / (np.sum(labels == 1) * np.sum(labels == 0))
        if available_after[column] > 0 or max(auc, 1 - auc) >= auc_threshold:
            flagged.append(column)
    tree = cKDTree(train.to_numpy(dtype=float))
    distance, _ = tree.query(test[list(train.columns)].to_numpy(dtype=float), k=1, p=np.inf)
    return {"features": sorted(flagged), "test_rows": np.flatnonzero(distance <= tolerance).tolist()}
