"""Counts ranks from the point itself: every point is its own nearest neighbour, at rank 1."""

import numpy as np
from scipy.spatial.distance import pdist, squareform


def _ranks(points):
    distances = squareform(pdist(points))
    order = np.argsort(distances, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, len(points) + 1)[None, :], axis=1)
    return ranks
