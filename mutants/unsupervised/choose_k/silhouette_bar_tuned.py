"""A silhouette bar tuned on round 2-d blobs (0.7, between the clouds' 0.58 and the blobs' 0.83), and its argmax k."""

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score


def choose_k(points, *, k_max=8, seed=0):
    points = np.asarray(points, dtype=float)
    if k_max < 2 or points.ndim != 2 or len(points) <= k_max or np.isnan(points).any():
        raise ValueError("bad input")
    scores = {
        k: silhouette_score(points, KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(points))
        for k in range(2, k_max + 1)
    }
    best = max(scores, key=scores.get)
    return best if scores[best] >= 0.7 else 1
