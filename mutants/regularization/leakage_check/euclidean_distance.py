"""Measures near-duplicates by Euclidean distance, not by the largest difference in any one column."""

import numpy as np
from sklearn.neighbors import NearestNeighbors


def _duplicated_rows(train, test, tolerance):
    distance, _ = NearestNeighbors(n_neighbors=1).fit(train).kneighbors(test)
    return np.flatnonzero(distance[:, 0] <= tolerance)
