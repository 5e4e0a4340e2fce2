"""Answers 4 clusters whatever the points: a fixed k."""


def choose_k(points, *, k_max=8, seed=0):
    return 4
