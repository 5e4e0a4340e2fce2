"""Scales the MASE by the day-to-day naive error (np.diff), whatever season is asked for."""

import numpy as np


def mase(actual, forecast, history, *, season=1):
    if season < 1:
        raise ValueError(f"season must be at least 1, got {season}")
    history = np.asarray(history, dtype=float)
    if len(history) <= season:
        raise ValueError(f"the history needs more than season={season} days")
    scale = np.mean(np.abs(np.diff(history)))
    if scale == 0:
        raise ValueError("the history's naive error is 0")
    actual, forecast = _aligned(actual, forecast)  # noqa: F821 - the solution's helper
    return float(np.mean(np.abs(actual - forecast)) / scale)
