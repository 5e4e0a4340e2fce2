"""Accepts tau = 0 and tau = 1, where the pinball loss ignores one side of the errors altogether."""

import numpy as np


def pinball_loss(actual, forecast, tau):
    if not 0 <= tau <= 1:
        raise ValueError(f"tau must be between 0 and 1, got {tau}")
    actual, forecast = _aligned(actual, forecast)  # noqa: F821 - the solution's helper
    error = actual - forecast
    return float(np.mean(np.where(error >= 0, tau * error, (tau - 1) * error)))
