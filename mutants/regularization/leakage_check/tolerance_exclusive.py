"""Treats rows as duplicates only when every difference is strictly below the tolerance."""

import numpy as np
from sklearn.neighbors import NearestNeighbors


def _duplicated_rows(train, test, tolerance):
    distance, _ = NearestNeighbors(n_neighbors=1, metric="chebyshev").fit(train).kneighbors(test)
    return np.flatnonzero(distance[:, 0] < tolerance)
