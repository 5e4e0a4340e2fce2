"""Forecasts for a stocking decision: the pinball loss, a scaled error, and the cheapest forecast.

An online grocer stocks a slow-moving item at each of its dark stores every morning. It sells on
fewer than half the days, a few units at a time. A unit left unsold at closing is thrown away (the
overage cost, its purchase price); a unit a customer wanted and could not get loses its margin and
some goodwill (the underage cost, several times more). The planning team compares candidate
forecasts on the last months and keeps the one with the lowest RMSE, which rewards forecasting the
mean: on intermittent demand the mean is a fraction of a unit, so the store runs out on most days
that sell anything. Stocking is a quantile decision: the order that minimises the expected cost is
the demand's quantile at the critical ratio ``underage_cost / (underage_cost + overage_cost)``.
Score the forecasts the way the decision pays, and pick by cost.

Contract:
- ``actual`` and every forecast are 1-d sequences of numbers, one per day, aligned; ``history`` is
  the demand of the days before ``actual``, oldest first. Nothing is missing.
- ``pinball_loss(actual, forecast, tau)``: the mean over days of ``tau * (y - f)`` when the day's
  demand ``y`` is at or above the forecast ``f`` (an under-forecast costs ``tau`` per unit), and
  ``(1 - tau) * (f - y)`` when it is below (an over-forecast costs ``1 - tau`` per unit). Raises
  ValueError unless ``0 < tau < 1``, and when the two are empty or differ in length.
- ``mase(actual, forecast, history, *, season=1)``: the mean absolute error of the forecast over
  ``actual``, divided by the mean absolute error of the seasonal naive forecast *in the history*:
  the mean of ``|history[t] - history[t - season]|`` over ``t = season .. len(history) - 1``. The
  scale comes from the history only, never from ``actual``. Raises ValueError when ``season < 1``,
  when the history has ``season`` days or fewer, when that scale is 0 (the history repeats itself
  exactly every ``season`` days, an item that never sold for one: the scaled error is undefined),
  and when ``actual`` and ``forecast`` are empty or differ in length.
- ``forecast_report(actual, forecasts, history, *, underage_cost, overage_cost, season=7)``:
  ``forecasts`` maps a name to a forecast. Returns a DataFrame indexed by name, in the mapping's
  order, with the float columns ``rmse`` (root mean squared error), ``mase`` (with ``season``),
  ``pinball`` (at ``tau`` = the critical ratio) and ``cost`` (the mean per day of
  ``underage_cost * max(y - f, 0) + overage_cost * max(f - y, 0)``), and the bool column ``chosen``:
  True for exactly one forecast, the one with the lowest cost. Costs within rounding of the lowest,
  ``cost <= lowest * (1 + 1e-9)``, tie; of tied forecasts the first in the mapping is chosen.
  Raises ValueError when a unit cost is not positive, when ``forecasts`` is empty, and wherever
  ``pinball_loss`` or ``mase`` would.

Graded: each metric exactly, on generated intermittent demand and on small hand-made cases that pin
the pinball loss's sign convention and the seasonal naive scale; the MASE unmoved by reordering the
evaluated days and inversely proportional to the history's scale; the report's columns, and the
chosen forecast: on demand where the lowest-RMSE and the lowest-MAE forecasts are not the cheapest,
and again with the unit costs swapped; ties, including ties within rounding; ValueError wherever a
docstring asks for it.
"""

import numpy as np
import pandas as pd

### BEGIN SOLUTION


def _aligned(actual, forecast) -> tuple[np.ndarray, np.ndarray]:
    actual, forecast = np.asarray(actual, dtype=float), np.asarray(forecast, dtype=float)
    if actual.ndim != 1 or actual.shape != forecast.shape:
        raise ValueError(f"actual and forecast must be 1-d and aligned, got shapes {actual.shape} and {forecast.shape}")
    if len(actual) == 0:
        raise ValueError("actual and forecast are empty")
    return actual, forecast


def _critical_ratio(underage_cost: float, overage_cost: float) -> float:
    """The quantile of demand that minimises the expected cost of a stocking decision."""
    return underage_cost / (underage_cost + overage_cost)


def _chosen(report: pd.DataFrame) -> int:
    """The position of the first forecast whose cost is within rounding of the lowest."""
    cost = report["cost"].to_numpy()
    return int(np.flatnonzero(cost <= cost.min() * (1 + 1e-9))[0])


### END SOLUTION


def pinball_loss(actual, forecast, tau: float) -> float:
    """Return the mean pinball (quantile) loss of ``forecast`` at quantile ``tau``.

    Args:
        actual: the demand per day.
        forecast: the forecast per day, aligned with ``actual``.
        tau: the quantile, strictly between 0 and 1; an under-forecast costs ``tau`` per unit.

    Returns:
        A float >= 0.

    Raises:
        ValueError: unless ``0 < tau < 1``; when the inputs are empty or differ in length.

    Example:
        >>> pinball_loss([10, 0], [4, 2], 0.75)
        2.5
    """
    ### BEGIN SOLUTION
    if not 0 < tau < 1:
        raise ValueError(f"tau must be strictly between 0 and 1, got {tau}")
    actual, forecast = _aligned(actual, forecast)
    error = actual - forecast
    return float(np.mean(np.where(error >= 0, tau * error, (tau - 1) * error)))
    ### END SOLUTION


def mase(actual, forecast, history, *, season: int = 1) -> float:
    """Return the mean absolute scaled error of ``forecast``, scaled by the history's seasonal naive error.

    Args:
        actual: the demand per day being forecast.
        forecast: the forecast per day, aligned with ``actual``.
        history: the demand of the days before, oldest first.
        season: the seasonal naive forecast's lag, in days (1: yesterday's demand).

    Returns:
        A float >= 0.

    Raises:
        ValueError: when ``season < 1``, the history has ``season`` days or fewer, the history's
            seasonal naive error is 0, or ``actual`` and ``forecast`` are empty or differ in length.

    Example:
        >>> mase([3, 0], [1, 1], [0, 2, 0, 4], season=1)
        0.5625
    """
    ### BEGIN SOLUTION
    if season < 1:
        raise ValueError(f"season must be at least 1, got {season}")
    history = np.asarray(history, dtype=float)
    if len(history) <= season:
        raise ValueError(f"the history needs more than season={season} days, it has {len(history)}")
    scale = np.mean(np.abs(history[season:] - history[:-season]))
    if scale == 0:
        raise ValueError("the history's seasonal naive error is 0: the scaled error is undefined")
    actual, forecast = _aligned(actual, forecast)
    return float(np.mean(np.abs(actual - forecast)) / scale)
    ### END SOLUTION


def forecast_report(
    actual, forecasts: dict, history, *, underage_cost: float, overage_cost: float, season: int = 7
) -> pd.DataFrame:
    """Return every forecast's RMSE, MASE, pinball loss at the critical ratio and expected cost, and the cheapest.

    Args:
        actual: the demand per day.
        forecasts: a mapping from a forecast's name to its forecast per day, aligned with ``actual``.
        history: the demand of the days before ``actual``, oldest first.
        underage_cost: the cost of a unit of demand not stocked (> 0).
        overage_cost: the cost of a unit stocked and not sold (> 0).
        season: the MASE's seasonal lag, in days.

    Returns:
        A DataFrame indexed by forecast name (the mapping's order) with columns ``rmse``, ``mase``,
        ``pinball``, ``cost`` and ``chosen`` (True for the cheapest forecast only).

    Raises:
        ValueError: when a unit cost is not positive, ``forecasts`` is empty, or a metric is undefined.

    Example:
        >>> report = forecast_report([0, 0, 5, 0], {"mean": [1.25] * 4, "high": [4] * 4}, [0, 3, 0, 0],
        ...                          underage_cost=9, overage_cost=1, season=1)
        >>> report["chosen"].tolist()
        [False, True]
    """
    ### BEGIN SOLUTION
    if underage_cost <= 0 or overage_cost <= 0:
        raise ValueError(f"unit costs must be positive, got {underage_cost} and {overage_cost}")
    if not forecasts:
        raise ValueError("no forecasts to compare")
    tau = _critical_ratio(underage_cost, overage_cost)
    rows = {}
    for name, forecast in forecasts.items():
        y, f = _aligned(actual, forecast)
        rows[name] = {
            "rmse": float(np.sqrt(np.mean((y - f) ** 2))),
            "mase": mase(y, f, history, season=season),
            "pinball": pinball_loss(y, f, tau),
            "cost": float(np.mean(underage_cost * np.maximum(y - f, 0) + overage_cost * np.maximum(f - y, 0))),
        }
    report = pd.DataFrame.from_dict(rows, orient="index")
    report["chosen"] = np.arange(len(report)) == _chosen(report)
    return report
    ### END SOLUTION
