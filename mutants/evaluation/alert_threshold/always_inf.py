"""Degenerate: always returns math.inf, alerting nothing, which never breaks the capacity."""

import math


def pick_threshold(scores, days, capacity):
    if len(scores) != len(days) or capacity < 0:
        raise ValueError("invalid input")
    return math.inf
