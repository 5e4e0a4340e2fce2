"""Refuses negative unit costs but lets a unit cost of 0 through (the critical ratio is then 0 or 1)."""

import numpy as np
import pandas as pd


def forecast_report(actual, forecasts, history, *, underage_cost, overage_cost, season=7):
    if underage_cost < 0 or overage_cost < 0:
        raise ValueError("unit costs must not be negative")
    if not forecasts:
        raise ValueError("no forecasts to compare")
    rows = {}
    for name, forecast in forecasts.items():
        y, f = _aligned(actual, forecast)  # noqa: F821 - the solution's helper
        total = underage_cost + overage_cost
        rows[name] = {
            "rmse": float(np.sqrt(np.mean((y - f) ** 2))),
            "mase": mase(y, f, history, season=season),  # noqa: F821 - the solution's function
            "pinball": pinball_loss(y, f, underage_cost / total) if 0 < underage_cost < total else 0.0,  # noqa: F821
            "cost": float(np.mean(underage_cost * np.maximum(y - f, 0) + overage_cost * np.maximum(f - y, 0))),
        }
    report = pd.DataFrame.from_dict(rows, orient="index")
    report["chosen"] = np.arange(len(report)) == _chosen(report)  # noqa: F821 - the solution's helper
    return report
