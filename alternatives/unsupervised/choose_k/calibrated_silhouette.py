"""The silhouette argmax for k, kept only when it clearly beats the silhouette of a structureless reference box."""

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

MIN_ADVANTAGE = 0.15  # silhouette points above a uniform box of the same extent


def _silhouettes(points, k_max, seed, n_init):
    return {
        k: silhouette_score(points, KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit_predict(points))
        for k in range(2, k_max + 1)
    }


def choose_k(points, *, k_max=8, seed=0):
    points = np.asarray(points, dtype=float)
    if k_max < 2 or points.ndim != 2 or len(points) <= k_max or np.isnan(points).any():
        raise ValueError("points must be 2-d without NaN, with more rows than k_max >= 2")
    on_axes = PCA().fit_transform(points)
    box = np.random.default_rng(seed).uniform(on_axes.min(axis=0), on_axes.max(axis=0), size=on_axes.shape)
    observed = _silhouettes(points, k_max, seed, n_init=3)
    structureless = max(_silhouettes(box, k_max, seed, n_init=1).values())
    best = max(observed, key=observed.get)
    return best if observed[best] - structureless >= MIN_ADVANTAGE else 1
