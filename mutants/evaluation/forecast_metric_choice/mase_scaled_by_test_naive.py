"""Scales the MASE by the seasonal naive error over the evaluated days instead of over the history."""

import numpy as np


def mase(actual, forecast, history, *, season=1):
    if season < 1:
        raise ValueError(f"season must be at least 1, got {season}")
    history = np.asarray(history, dtype=float)
    if len(history) <= season or np.all(history[season:] == history[:-season]):
        raise ValueError("the history's seasonal naive error is 0 or undefined")
    actual, forecast = _aligned(actual, forecast)  # noqa: F821 - the solution's helper
    scale = np.mean(np.abs(actual[season:] - actual[:-season]))
    return float(np.mean(np.abs(actual - forecast)) / scale)
