"""Returns infinity when the history's naive error is 0, instead of refusing with ValueError."""

import numpy as np


def mase(actual, forecast, history, *, season=1):
    if season < 1:
        raise ValueError(f"season must be at least 1, got {season}")
    history = np.asarray(history, dtype=float)
    if len(history) <= season:
        raise ValueError(f"the history needs more than season={season} days")
    scale = np.mean(np.abs(history[season:] - history[:-season]))
    actual, forecast = _aligned(actual, forecast)  # noqa: F821 - the solution's helper
    error = np.mean(np.abs(actual - forecast))
    return float(error / scale) if scale else float("inf")
