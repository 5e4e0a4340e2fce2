"""Uses each day's (1 - capacity/n) quantile with linear interpolation: off by one and blind to ties."""

import math

import numpy as np


def _least_strict_for_day(day_scores, capacity):
    if len(day_scores) <= capacity:
        return -math.inf
    return float(np.quantile(day_scores, 1 - capacity / len(day_scores)))
