"""Measures the spacing as the mean nearest-neighbour distance, which one far outlier inflates."""

import numpy as np
from scipy.spatial.distance import pdist, squareform


def supported_islands(X, islands, *, factor=3.0):
    X = np.asarray(X, dtype=float)
    islands = np.asarray(islands)
    if X.ndim != 2 or islands.shape != (len(X),) or len(np.unique(islands)) < 2 or not factor > 0:
        raise ValueError("bad input")
    distances = squareform(pdist(X))
    np.fill_diagonal(distances, np.inf)
    spacing = distances.min(axis=1).mean()
    return {
        label.item(): bool(distances[np.ix_(islands == label, islands != label)].min() > factor * spacing)
        for label in np.unique(islands)
    }
