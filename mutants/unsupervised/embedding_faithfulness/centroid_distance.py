"""Calls an island supported when its centroid is far from the other centroids, as a torn curve's pieces are."""

import numpy as np
from scipy.spatial.distance import pdist, squareform


def supported_islands(X, islands, *, factor=3.0):
    X = np.asarray(X, dtype=float)
    islands = np.asarray(islands)
    if X.ndim != 2 or islands.shape != (len(X),) or len(np.unique(islands)) < 2 or not factor > 0:
        raise ValueError("bad input")
    distances = squareform(pdist(X))
    np.fill_diagonal(distances, np.inf)
    spacing = np.median(distances.min(axis=1))
    labels = np.unique(islands)
    centroids = np.array([X[islands == label].mean(axis=0) for label in labels])
    apart = squareform(pdist(centroids))
    np.fill_diagonal(apart, np.inf)
    return {label.item(): bool(apart[i].min() > factor * spacing) for i, label in enumerate(labels)}
