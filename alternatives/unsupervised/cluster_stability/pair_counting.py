"""Subsamples by permutation and computes the adjusted Rand index by hand from the contingency table's pair counts."""

import numpy as np
from sklearn.cluster import KMeans


def _pairs(counts):
    counts = np.asarray(counts, dtype=float)
    return float((counts * (counts - 1) / 2).sum())


def _adjusted_rand(first, second):
    if len(first) < 2:  # no pair of rows to agree or disagree on: as scikit-learn, perfect agreement
        return 1.0
    _, a = np.unique(first, return_inverse=True)
    _, b = np.unique(second, return_inverse=True)
    table = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(table, (a, b), 1)
    both, rows, cols = _pairs(table), _pairs(table.sum(axis=1)), _pairs(table.sum(axis=0))
    expected = rows * cols / _pairs([len(first)])
    top = (rows + cols) / 2
    return 1.0 if top == expected else (both - expected) / (top - expected)


def cluster_stability(points, k, *, share=0.8, n_pairs=5, seed=0):
    points = np.asarray(points, dtype=float)
    size = round(share * len(points)) if 0 < share <= 1 else 0
    if points.ndim != 2 or n_pairs < 1 or k < 2 or size < k:
        raise ValueError("need 2-d points, share in (0, 1], n_pairs >= 1, and k >= 2 rows per subsample")
    rng = np.random.default_rng(seed)
    scores = []
    for _ in range(n_pairs):
        labels = []
        for _ in range(2):
            rows = rng.permutation(len(points))[:size]
            fit = KMeans(n_clusters=k, n_init=3, random_state=int(rng.integers(2**31))).fit_predict(points[rows])
            full = np.full(len(points), -1)
            full[rows] = fit
            labels.append(full)
        shared = (labels[0] >= 0) & (labels[1] >= 0)
        scores.append(_adjusted_rand(labels[0][shared], labels[1][shared]))
    return float(np.mean(scores))
