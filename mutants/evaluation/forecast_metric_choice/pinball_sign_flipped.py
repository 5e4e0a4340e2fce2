"""Weighs the over-forecasts by tau and the under-forecasts by 1 - tau: the sign convention reversed."""

import numpy as np


def pinball_loss(actual, forecast, tau):
    if not 0 < tau < 1:
        raise ValueError(f"tau must be strictly between 0 and 1, got {tau}")
    actual, forecast = _aligned(actual, forecast)  # noqa: F821 - the solution's helper
    error = forecast - actual
    return float(np.mean(np.where(error >= 0, tau * error, (tau - 1) * error)))
