"""Takes the strictest of each day's own least strict scores: a lower score from another day is never tried."""

import math

import numpy as np
import pandas as pd


def _least_strict_for_day(day_scores, capacity):
    if len(day_scores) <= capacity:
        return -math.inf
    values, counts = np.unique(day_scores, return_counts=True)
    alerted_at_or_above = np.cumsum(counts[::-1])[::-1]
    feasible = values[alerted_at_or_above <= capacity]
    return float(feasible[0]) if len(feasible) else math.inf


def pick_threshold(scores, days, capacity):
    scores = np.asarray(scores, dtype=float)
    if len(scores) != len(days):
        raise ValueError("scores and days differ in length")
    if capacity < 0:
        raise ValueError("capacity must be >= 0")
    per_day = pd.Series(scores).groupby(pd.Series(days).to_numpy(), sort=False)
    threshold = max(_least_strict_for_day(group.to_numpy(), capacity) for _, group in per_day)
    return threshold if threshold != -math.inf else float(scores.min(initial=math.inf))
