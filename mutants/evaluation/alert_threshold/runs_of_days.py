"""Splits the rows into days wherever the day label changes, as if the rows came sorted by day."""

import math

import numpy as np


def pick_threshold(scores, days, capacity):
    scores, days = np.asarray(scores, dtype=float), np.asarray(days)
    if len(scores) != len(days):
        raise ValueError("scores and days differ in length")
    if capacity < 0:
        raise ValueError("capacity must be >= 0")
    starts = np.flatnonzero(np.r_[True, days[1:] != days[:-1]])
    runs = np.split(scores, starts[1:])
    bound = max((_highest_blocked_score(run, capacity) for run in runs), default=-math.inf)  # noqa: F821
    alertable = scores[scores > bound]
    return float(alertable.min()) if len(alertable) else math.inf
