"""scikit-learn's pinball and error metrics, pandas for the naive scale, and the choice by pinball loss.

At the critical ratio tau = cu / (cu + co), the expected cost per day is exactly (cu + co) times the
pinball loss, so the cheapest forecast is the one with the lowest pinball loss there.
"""

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_pinball_loss, root_mean_squared_error


def _series(actual, forecast) -> tuple[np.ndarray, np.ndarray]:
    actual, forecast = np.asarray(actual, dtype=float), np.asarray(forecast, dtype=float)
    if len(actual) == 0 or actual.shape != forecast.shape:
        raise ValueError("actual and forecast must be non-empty and aligned")
    return actual, forecast


def pinball_loss(actual, forecast, tau: float) -> float:
    if tau <= 0 or tau >= 1:
        raise ValueError("tau must be strictly between 0 and 1")
    actual, forecast = _series(actual, forecast)
    return float(mean_pinball_loss(actual, forecast, alpha=tau))


def mase(actual, forecast, history, *, season: int = 1) -> float:
    if season < 1:
        raise ValueError("season must be at least 1")
    past = pd.Series(np.asarray(history, dtype=float))
    if len(past) <= season:
        raise ValueError("the history is too short for the season")
    naive_error = (past - past.shift(season)).abs().dropna().mean()
    if naive_error == 0:
        raise ValueError("the history's seasonal naive error is 0")
    actual, forecast = _series(actual, forecast)
    return float(mean_absolute_error(actual, forecast) / naive_error)


def forecast_report(
    actual, forecasts: dict, history, *, underage_cost: float, overage_cost: float, season: int = 7
) -> pd.DataFrame:
    if min(underage_cost, overage_cost) <= 0:
        raise ValueError("unit costs must be positive")
    if len(forecasts) == 0:
        raise ValueError("no forecasts")
    tau = underage_cost / (underage_cost + overage_cost)
    table = pd.DataFrame(index=pd.Index(list(forecasts)), columns=["rmse", "mase", "pinball"], dtype=float)
    for name, forecast in forecasts.items():
        y, f = _series(actual, forecast)
        table.loc[name] = [root_mean_squared_error(y, f), mase(y, f, history, season=season), pinball_loss(y, f, tau)]
    table["cost"] = (underage_cost + overage_cost) * table["pinball"]
    lowest = table["pinball"].min()
    first = table.index[table["pinball"] <= lowest * (1 + 1e-9)][0]
    table["chosen"] = table.index == first
    return table
