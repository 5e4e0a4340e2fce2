"""Daily demand for a slow-moving item, and the forecasts a stocking decision could be built on."""

from __future__ import annotations

import numpy as np

from mlkata.generators import generator, require

# chance of any demand on each weekday, Monday first: the item sells on well under half the days
_DEMAND_CHANCE = np.array([0.2, 0.15, 0.15, 0.2, 0.3, 0.45, 0.4])
FORECASTS = ("weekday_mean", "seasonal_naive", "zero", "weekday_quantile")


def _cost(actual, forecast, underage_cost, overage_cost) -> float:
    short, left = np.maximum(actual - forecast, 0), np.maximum(forecast - actual, 0)
    return float(np.mean(underage_cost * short + overage_cost * left))


def _lowest(scores: dict, margin: float) -> str | None:
    """The name with the lowest score when it beats every other by ``margin`` (relative), else None."""
    ranked = sorted(scores, key=scores.get)
    return ranked[0] if scores[ranked[1]] >= (1 + margin) * scores[ranked[0]] else None


@generator
def make_stock_demand(
    *,
    n_weeks_history: int = 52,
    n_weeks_test: int = 26,
    underage_cost: float = 9.0,
    overage_cost: float = 1.0,
    seed: int,
) -> tuple:
    """``(history, actual, forecasts)`` for one item at one store, day by day, Monday first.

    Planted truths:
    - demand is intermittent: on each day the item sells with a weekday's chance between 0.15 and
      0.45 (so more than half the days are zeros, on every weekday), and then 1 + Poisson(2) units;
      ``history`` (``7 * n_weeks_history`` days, ints) comes right before ``actual``
      (``7 * n_weeks_test`` days, ints), so the weekly pattern has a season of 7;
    - ``forecasts`` maps, in this order, ``weekday_mean`` (each weekday's mean in the history),
      ``seasonal_naive`` (the history's last week, repeated), ``zero`` (no stock at all) and
      ``weekday_quantile`` (each weekday's ``np.quantile`` at the critical ratio
      ``underage_cost / (underage_cost + overage_cost)`` in the history) to float arrays aligned
      with ``actual``;
    - on ``actual`` (a redraw guarantees these, each with a margin of at least 3% between the best
      and the runner-up): ``weekday_mean`` has the lowest root mean squared error, ``zero`` the
      lowest mean absolute error, ``weekday_quantile`` the lowest expected cost with the given unit
      costs, and ``zero`` the lowest expected cost when the two unit costs are swapped.
    """
    require(n_weeks_history >= 8, f"n_weeks_history must be at least 8, got {n_weeks_history}")
    require(n_weeks_test >= 4, f"n_weeks_test must be at least 4, got {n_weeks_test}")
    require(underage_cost > overage_cost > 0, "underage_cost must exceed overage_cost, and both be positive")
    rng = np.random.default_rng(seed)
    n_history, n_test = 7 * n_weeks_history, 7 * n_weeks_test
    weekday = np.arange(n_history + n_test) % 7
    ratio = underage_cost / (underage_cost + overage_cost)
    while True:
        sells = rng.random(n_history + n_test) < _DEMAND_CHANCE[weekday]
        demand = np.where(sells, 1 + rng.poisson(2.0, n_history + n_test), 0)
        history, actual = demand[:n_history], demand[n_history:]
        by_day = [history[weekday[:n_history] == day] for day in range(7)]
        test_day = weekday[n_history:]
        forecasts = {
            "weekday_mean": np.array([values.mean() for values in by_day])[test_day],
            "seasonal_naive": np.tile(history[-7:], n_weeks_test).astype(float),
            "zero": np.zeros(n_test),
            "weekday_quantile": np.array([np.quantile(values, ratio) for values in by_day])[test_day],
        }
        errors = {name: actual - forecast for name, forecast in forecasts.items()}
        planted = (
            _lowest({name: float(np.mean(e**2)) for name, e in errors.items()}, 0.06) == "weekday_mean"
            and _lowest({name: float(np.mean(np.abs(e))) for name, e in errors.items()}, 0.03) == "zero"
            and _lowest({n: _cost(actual, f, underage_cost, overage_cost) for n, f in forecasts.items()}, 0.03)
            == "weekday_quantile"
            and _lowest({n: _cost(actual, f, overage_cost, underage_cost) for n, f in forecasts.items()}, 0.03)
            == "zero"
        )
        if planted:
            return history, actual, forecasts
