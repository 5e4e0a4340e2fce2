"""Answers 1 ("no structure") whatever the points: a constant answer."""


def choose_k(points, *, k_max=8, seed=0):
    return 1
