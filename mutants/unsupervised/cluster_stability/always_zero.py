"""Returns 0 whatever the points: a constant answer."""


def cluster_stability(points, k, *, share=0.8, n_pairs=5, seed=0):
    return 0.0
