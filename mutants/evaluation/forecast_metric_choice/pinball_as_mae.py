"""Reports the mean absolute error as the pinball loss, whatever tau."""

import numpy as np


def pinball_loss(actual, forecast, tau):
    if not 0 < tau < 1:
        raise ValueError(f"tau must be strictly between 0 and 1, got {tau}")
    actual, forecast = _aligned(actual, forecast)  # noqa: F821 - the solution's helper
    return float(np.mean(np.abs(actual - forecast)))
