"""The gap statistic with scikit-learn: PCA-aligned uniform references, KMeans, the smallest k near the best gap."""

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA

REFERENCES = 5
MIN_GAIN = 0.6  # log-units of within-cluster sum of squares over k = 1


def _log_within(points, k, seed, n_init):
    if k == 1:
        return float(np.log(((points - points.mean(axis=0)) ** 2).sum()))
    return float(np.log(KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(points).inertia_))


def choose_k(points, *, k_max=8, seed=0):
    points = np.asarray(points, dtype=float)
    if k_max < 2 or points.ndim != 2 or len(points) <= k_max or np.isnan(points).any():
        raise ValueError("points must be 2-d without NaN, with more rows than k_max >= 2")
    rng = np.random.default_rng(seed)
    on_axes = PCA().fit_transform(points)
    references = [rng.uniform(on_axes.min(axis=0), on_axes.max(axis=0), size=on_axes.shape) for _ in range(REFERENCES)]
    gaps, errors = [], []
    for k in range(1, k_max + 1):
        expected = [_log_within(r, k, seed, n_init=1) for r in references]
        gaps.append(np.mean(expected) - _log_within(points, k, seed, n_init=5))
        errors.append(np.std(expected) * np.sqrt(1 + 1 / REFERENCES))
    gaps, errors = np.array(gaps), np.array(errors)
    best = int(gaps.argmax())
    if gaps[best] - gaps[0] < MIN_GAIN:
        return 1
    # the smallest k whose gap is within one standard error of the best: groups of groups are counted one by one,
    # where Tibshirani's first-k rule would stop at the coarse level
    return int(np.flatnonzero(gaps >= gaps[best] - errors[best])[0]) + 1
