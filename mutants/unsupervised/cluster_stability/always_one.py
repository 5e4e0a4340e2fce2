"""Returns 1 whatever the points: a constant answer."""


def cluster_stability(points, k, *, share=0.8, n_pairs=5, seed=0):
    return 1.0
