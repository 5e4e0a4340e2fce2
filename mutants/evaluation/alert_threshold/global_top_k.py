"""Pools the budget over the period: the (capacity x days)-th highest score overall, so busy days overflow."""

import numpy as np


def pick_threshold(scores, days, capacity):
    budget = capacity * len(np.unique(days))
    ranked = np.sort(np.asarray(scores, dtype=float))[::-1]
    return float(ranked[budget - 1]) if 0 < budget <= len(ranked) else float(ranked[-1])
