"""Never checks the capacity: a negative one returns a threshold instead of raising ValueError."""

import math

import numpy as np
import pandas as pd


def pick_threshold(scores, days, capacity):
    scores = np.asarray(scores, dtype=float)
    if len(scores) != len(days):
        raise ValueError("scores and days differ in length")
    per_day = pd.Series(scores).groupby(pd.Series(days).to_numpy(), sort=False)
    bound = max((_highest_blocked_score(group.to_numpy(), capacity) for _, group in per_day), default=-math.inf)  # noqa: F821
    alertable = scores[scores > bound]
    return float(alertable.min()) if len(alertable) else math.inf
