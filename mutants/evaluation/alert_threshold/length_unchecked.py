"""Never checks that scores and days align: misaligned inputs fail with whatever error indexing raises."""

import math

import numpy as np


def pick_threshold(scores, days, capacity):
    scores, days = np.asarray(scores, dtype=float), np.asarray(days)
    if capacity < 0:
        raise ValueError("capacity must be >= 0")
    bound = max((_highest_blocked_score(scores[days == day], capacity) for day in np.unique(days)), default=-math.inf)  # noqa: F821
    alertable = scores[scores > bound]
    return float(alertable.min()) if len(alertable) else math.inf
