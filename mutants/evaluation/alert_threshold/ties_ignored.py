"""Takes each day's capacity-th highest score as the cut-off, so scores tied with it overflow the day."""

import math

import numpy as np


def _least_strict_for_day(day_scores, capacity):
    if len(day_scores) <= capacity:
        return -math.inf
    if capacity == 0:
        return math.inf
    return float(np.sort(day_scores)[::-1][capacity - 1])
