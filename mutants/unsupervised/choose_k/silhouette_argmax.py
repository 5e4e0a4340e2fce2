"""Takes the k with the best silhouette, which can never answer "no structure"."""

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score


def choose_k(points, *, k_max=8, seed=0):
    points = np.asarray(points, dtype=float)
    if k_max < 2 or points.ndim != 2 or len(points) <= k_max or np.isnan(points).any():
        raise ValueError("bad input")
    scores = {
        k: silhouette_score(points, KMeans(n_clusters=k, n_init=2, random_state=seed).fit_predict(points))
        for k in range(2, k_max + 1)
    }
    return max(scores, key=scores.get)
