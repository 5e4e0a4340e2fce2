"""Ranks from an explicit (distance, row) sort key, a loop over the pairs, continuity as trustworthiness with the
spaces exchanged, and scikit-learn's nearest neighbours for the spacing of the island check."""

import numpy as np
from scipy.spatial.distance import cdist
from sklearn.neighbors import NearestNeighbors


def _rank_matrix(points):
    n = len(points)
    distances = cdist(points, points)
    rows = np.arange(n)
    ranks = np.zeros((n, n), dtype=int)
    for i in range(n):
        others = rows[rows != i]
        order = others[np.lexsort((others, distances[i, others]))]
        ranks[i, order] = np.arange(1, n)
        ranks[i, i] = n
    return ranks


def _validate(X, Y, k):
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[0] != Y.shape[0]:
        raise ValueError("X and Y must be 2-d with the same rows")
    n = X.shape[0]
    if k < 1 or 2 * k >= n:
        raise ValueError("k must be at least 1 and below n/2")
    return X, Y


def trustworthiness(X, Y, *, k):
    X, Y = _validate(X, Y, k)
    n = len(X)
    in_data, in_picture = _rank_matrix(X), _rank_matrix(Y)
    total = sum(
        int(in_data[i, j]) - k for i in range(n) for j in np.flatnonzero(in_picture[i] <= k) if in_data[i, j] > k
    )
    return 1.0 - 2.0 * total / (n * k * (2 * n - 3 * k - 1))


def continuity(X, Y, *, k):
    X, Y = _validate(X, Y, k)
    return trustworthiness(Y, X, k=k)


def supported_islands(X, islands, *, factor=3.0):
    X = np.asarray(X, dtype=float)
    labels = list(islands)
    if X.ndim != 2 or len(labels) != len(X) or len(set(labels)) < 2 or factor <= 0:
        raise ValueError("one label per row, two islands or more, and a positive factor")
    nearest, _ = NearestNeighbors(n_neighbors=2).fit(X).kneighbors(X)
    spacing = float(np.median(nearest[:, 1]))
    island_of = np.array(labels)
    verdicts = {}
    for label in sorted(set(labels)):
        inside = island_of == label
        gap = cdist(X[inside], X[~inside]).min()
        verdicts[label] = bool(gap > factor * spacing)
    return verdicts
