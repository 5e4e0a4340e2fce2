"""Splits the sessions at random, as if they were independent rows."""

import numpy as np


def time_group_split(events, *, validation_fraction=0.2, gap=None):
    order = np.random.default_rng(0).permutation(len(events))
    cut = round(len(events) * (1 - validation_fraction))
    return np.sort(order[:cut]), np.sort(order[cut:])
