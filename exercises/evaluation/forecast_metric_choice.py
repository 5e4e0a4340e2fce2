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
    # TODO: write pinball_loss as its docstring describes.
    raise NotImplementedError("pinball_loss is not written yet")


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
    # TODO: write mase as its docstring describes.
    raise NotImplementedError("mase is not written yet")


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
    # TODO: write forecast_report as its docstring describes.
    raise NotImplementedError("forecast_report is not written yet")
