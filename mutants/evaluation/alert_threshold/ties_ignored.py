"""Takes each day's capacity-th highest score as the cut-off, so scores tied with it overflow the day."""

import math

import numpy as np


def pick_threshold(scores, days, capacity):
    scores, days = np.asarray(scores, dtype=float), np.asarray(days)
    if len(scores) != len(days) or capacity < 0:
        raise ValueError("invalid input")
    if capacity == 0:
        return math.inf
    cutoffs = [
        np.sort(scores[days == day])[::-1][capacity - 1] for day in np.unique(days) if (days == day).sum() > capacity
    ]
    return float(max(cutoffs, default=scores.min()))
