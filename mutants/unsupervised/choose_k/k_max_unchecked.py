"""Does not refuse k_max below 2: with k_max=1 it quietly answers 1."""

import numpy as np

_reference = choose_k  # noqa: F821 - the solution's function


def choose_k(points, *, k_max=8, seed=0):
    if k_max < 2:
        return 1
    return _reference(np.asarray(points, dtype=float), k_max=k_max, seed=seed)
