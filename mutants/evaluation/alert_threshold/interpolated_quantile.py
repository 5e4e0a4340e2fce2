"""Takes the strictest of each day's interpolated (1 - capacity/n) quantiles: off by one and blind to ties."""

import math

import numpy as np


def pick_threshold(scores, days, capacity):
    scores, days = np.asarray(scores, dtype=float), np.asarray(days)
    if len(scores) != len(days) or capacity < 0:
        raise ValueError("invalid input")
    if capacity == 0:
        return math.inf
    cutoffs = [
        np.quantile(scores[days == day], 1 - capacity / (days == day).sum())
        for day in np.unique(days)
        if (days == day).sum() > capacity
    ]
    return float(max(cutoffs, default=scores.min()))
