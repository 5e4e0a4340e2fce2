"""Graders for evaluation/forecast_metric_choice: pinball loss, MASE, and the cheapest forecast to stock by."""

import numpy as np
import pytest

from data.stock_demand import FORECASTS, make_stock_demand
from mlkata import as_array, as_float, as_frame, expect, expect_rejected, is_close

UNDERAGE, OVERAGE = 9.0, 1.0  # a critical ratio of 0.9
SCENARIO = "On 26 weeks of intermittent daily demand (most days sell nothing) after a year of history"
PINBALL_RULE = (
    "An under-forecast (demand at or above the forecast) costs tau per unit, an over-forecast 1 - tau per unit, "
    "averaged over the days."
)
MASE_RULE = (
    "Divide the forecast's mean absolute error by the mean of |history[t] - history[t - season]| over the history: "
    "the seasonal naive forecast's error in the history, never in the days being evaluated."
)
COLUMNS = ("rmse", "mase", "pinball", "cost")


def pinball(impl, actual, forecast, tau):
    return as_float(impl.pinball_loss(actual, forecast, tau), what="pinball_loss's result")


def scaled(impl, actual, forecast, history, season):
    return as_float(impl.mase(actual, forecast, history, season=season), what="mase's result")


def report(impl, actual, forecasts, history, underage=UNDERAGE, overage=OVERAGE, season=7):
    result = impl.forecast_report(
        actual, forecasts, history, underage_cost=underage, overage_cost=overage, season=season
    )
    result = as_frame(result, what="forecast_report's result", columns=[*COLUMNS, "chosen"])
    expect(
        list(result.index) == list(forecasts),
        "forecast_report's result should be indexed by the forecasts' names, one row each, in the mapping's order.",
    )
    for column in COLUMNS:
        as_array(result[column], what=f"the {column} column", length=len(forecasts))
    chosen = result["chosen"].to_numpy()
    expect(
        chosen.dtype == bool and chosen.sum() == 1,
        "The chosen column should be bool with exactly one True: the forecast to stock by.",
    )
    return result


def chosen_name(result) -> str:
    return str(result.index[np.flatnonzero(result["chosen"].to_numpy())[0]])


@pytest.fixture(scope="module")
def demand(seed):
    return make_stock_demand(underage_cost=UNDERAGE, overage_cost=OVERAGE, seed=seed)


@pytest.fixture(scope="module")
def expected_report(reference, demand):
    history, actual, forecasts = demand
    return report(reference, actual, forecasts, history)


@pytest.mark.points(3)
def test_pinball_loss_on_generated_demand(impl, reference, demand):
    """Is the pinball loss exact for every forecast at low, middle and high quantiles?"""
    _, actual, forecasts = demand
    for tau in (0.1, 0.5, 0.9):
        wrong = [
            name
            for name, forecast in forecasts.items()
            if not is_close(pinball(impl, actual, forecast, tau), pinball(reference, actual, forecast, tau))
        ]
        expect(
            not wrong,
            f"{SCENARIO}, the pinball loss at tau={tau} is wrong for the forecasts {wrong}. {PINBALL_RULE} "
            "It is not the mean absolute error, and tau weighs the days the forecast was too low.",
        )


@pytest.mark.points(2)
def test_pinball_sign_convention(impl, reference):
    """On forecasts always too low, always too high, or exact, does tau weigh the under-forecasts?"""
    actual = np.array([4.0, 0.0, 7.0, 1.0])
    cases = {
        "a forecast 2 units below the demand every day": actual - 2,
        "a forecast 2 units above the demand every day": actual + 2,
        "a forecast equal to the demand on two days, off by 3 either way on the others": np.array([4.0, 3.0, 4.0, 1]),
    }
    for tau in (0.8, 0.25):
        for case, forecast in cases.items():
            expect(
                is_close(pinball(impl, actual, forecast, tau), pinball(reference, actual, forecast, tau)),
                f"On four days and {case}, the pinball loss at tau={tau} is wrong. {PINBALL_RULE} At a high tau, "
                "stocking too little must cost more than stocking too much.",
            )


@pytest.mark.points(1)
def test_pinball_bad_input_raises(impl):
    """Are a tau outside (0, 1), misaligned and empty inputs refused with ValueError?"""
    actual, forecast = [3.0, 0.0, 1.0], [1.0, 1.0, 1.0]
    cases = {
        "tau=0": ((actual, forecast, 0.0), {}),
        "tau=1": ((actual, forecast, 1.0), {}),
        "tau=1.5": ((actual, forecast, 1.5), {}),
        "tau=-0.2": ((actual, forecast, -0.2), {}),
        "three days of demand and two of forecast": ((actual, forecast[:2], 0.5), {}),
        "three days of demand and one of forecast": ((actual, forecast[:1], 0.5), {}),
        "no days at all": (([], [], 0.5), {}),
    }
    expect_rejected(impl, "pinball_loss", cases)


@pytest.mark.points(3)
def test_mase_exact(impl, reference, demand):
    """Is the MASE exact for every forecast, with a weekly and a daily naive scale, and on the shortest history?"""
    history, actual, forecasts = demand
    for season in (7, 1):
        wrong = [
            name
            for name, forecast in forecasts.items()
            if not is_close(
                scaled(impl, actual, forecast, history, season), scaled(reference, actual, forecast, history, season)
            )
        ]
        expect(
            not wrong,
            f"{SCENARIO}, the MASE with season={season} is wrong for the forecasts {wrong}. {MASE_RULE} The naive "
            f"forecast of a day is the demand {season} day(s) before it.",
        )
    short = np.array([0.0, 2, 0, 0, 5, 0, 1, 3, 0])
    for days, season in ((9, 7), (8, 7), (2, 1)):
        mine = scaled(impl, [3.0, 0.0, 1.0], [1.0, 1.0, 1.0], short[:days], season)
        expect(
            is_close(mine, scaled(reference, [3.0, 0.0, 1.0], [1.0, 1.0, 1.0], short[:days], season)),
            f"With a history of {days} days and season={season} (allowed: more than season days), the MASE is "
            f"wrong. {MASE_RULE} The history then holds {days - season} naive error(s), from t = season on.",
        )


@pytest.mark.points(2)
def test_mase_scale_comes_from_the_history(impl, reference, demand, seed):
    """Is the MASE unmoved by the order of the evaluated days, and halved by a history twice as variable?"""
    history, actual, forecasts = demand
    forecast = forecasts["weekday_mean"]
    before = scaled(impl, actual, forecast, history, 7)
    expect(
        is_close(before, scaled(reference, actual, forecast, history, 7)),
        f"{SCENARIO}, the MASE of the weekday-mean forecast is wrong, so its scale is not graded. {MASE_RULE}",
    )
    order = np.random.default_rng(seed).permutation(len(actual))
    expect(
        is_close(scaled(impl, actual[order], forecast[order], history, 7), before),
        f"{SCENARIO}, shuffling the evaluated days (demand and forecast together) changed the MASE: the mean "
        "absolute error does not depend on their order, so the scale must not come from them. " + MASE_RULE,
    )
    expect(
        is_close(scaled(impl, actual, forecast, 2 * history, 7), before / 2),
        f"{SCENARIO}, doubling every day of the history (so its naive error doubles) did not halve the MASE. "
        + MASE_RULE,
    )


@pytest.mark.points(1)
def test_undefined_mase_raises(impl):
    """Is a zero or missing naive scale, a bad season, or a misaligned input refused with ValueError?"""
    actual, forecast = [3.0, 0.0, 1.0], [1.0, 1.0, 1.0]
    weekly = np.tile([0.0, 0, 2, 0, 1, 5, 3], 4)
    cases = {
        "a history of zeros (an item that never sold)": ((actual, forecast, np.zeros(28)), {"season": 1}),
        "a history that repeats itself exactly every week, with season=7": ((actual, forecast, weekly), {"season": 7}),
        "a history of 7 days with season=7": ((actual, forecast, weekly[:7]), {"season": 7}),
        "season=0": ((actual, forecast, weekly), {"season": 0}),
        "season=0 and a history of one day": ((actual, forecast, weekly[5:6]), {"season": 0}),
        "season=-1": ((actual, forecast, weekly), {"season": -1}),
        "three days of demand and two of forecast": ((actual, forecast[:2], weekly), {"season": 1}),
        "three days of demand and one of forecast": ((actual, forecast[:1], weekly), {"season": 1}),
        "no days to evaluate": (([], [], weekly), {"season": 1}),
    }
    expect_rejected(impl, "mase", cases)


@pytest.mark.points(3)
def test_report_columns(impl, demand, expected_report):
    """Are the report's RMSE, MASE, pinball loss at the critical ratio and expected cost exact?"""
    history, actual, forecasts = demand
    mine = report(impl, actual, forecasts, history)
    nudges = {
        "rmse": "the root of the mean squared error.",
        "mase": "the MASE with the season passed in. " + MASE_RULE,
        "pinball": "the pinball loss at tau = underage_cost / (underage_cost + overage_cost), the critical ratio: "
        "the under-forecasts are the costly ones here.",
        "cost": "the mean per day of underage_cost x the units short plus overage_cost x the units left over.",
    }
    for column in COLUMNS:
        wrong = [name for name in forecasts if not is_close(mine.loc[name, column], expected_report.loc[name, column])]
        expect(
            not wrong,
            f"{SCENARIO}, with unit costs {UNDERAGE:g} short and {OVERAGE:g} left over, the {column} column is wrong "
            f"for {wrong}: it should be {nudges[column]}",
        )


@pytest.mark.points(4)
def test_chooses_the_cheapest_not_the_most_accurate(impl, demand, seed):
    """Is the forecast stocked by the cheapest one, though another has the lowest RMSE, and another the lowest MAE?"""
    history, actual, forecasts = demand
    # planted by the generator (a redraw guarantees each, by a margin of at least 3% over the runner-up):
    # weekday_mean has the lowest RMSE, zero the lowest MAE, weekday_quantile the lowest cost at 9 : 1,
    # and zero the lowest cost when the unit costs are swapped
    for underage, overage, cheapest in ((UNDERAGE, OVERAGE, "weekday_quantile"), (OVERAGE, UNDERAGE, "zero")):
        got = chosen_name(report(impl, actual, forecasts, history, underage, overage))
        expect(
            got == cheapest,
            f"{SCENARIO}, with a unit short costing {underage:g} and a unit left over {overage:g}, the report chose "
            f"{got!r}, which is not the forecast with the lowest expected cost. On intermittent demand the lowest "
            "RMSE goes to a fractional mean and the lowest MAE (and MASE) to stocking nothing; the stocking decision "
            "pays by the cost.",
        )
    reordered = {FORECASTS[i]: forecasts[FORECASTS[i]] for i in np.random.default_rng(seed).permutation(4)}
    got = chosen_name(report(impl, actual, reordered, history))
    expect(
        got == "weekday_quantile",
        f"{SCENARIO}, listing the same forecasts in another order changed the choice: without a tie, the cheapest "
        "forecast wins wherever it stands.",
    )


@pytest.mark.points(2)
def test_ties_and_near_ties(impl):
    """Does a tie, even one within rounding, go to the first forecast in the mapping, and a real gap to the cheapest?"""
    history = np.array([0.0, 1.0, 0.0, 3.0])
    # one unit too many or one too few every day: the same cost when a unit short and one left over cost the same
    sold = np.array([2.0, 1.0, 3.0])
    forecasts = {"over": sold + 1, "under": sold - 1}
    for first, second in (("over", "under"), ("under", "over")):
        ordered = {first: forecasts[first], second: forecasts[second]}
        got = chosen_name(report(impl, sold, ordered, history, 2.0, 2.0, season=1))
        expect(
            got == first,
            "On three days where two forecasts cost exactly the same, the report did not choose the first of them "
            "in the mapping: ties go to the first.",
        )
    # the same cost in exact arithmetic; in floating point the second comes out about 1e-16 lower
    actual = np.array([2.0, 0.0, 1.0])
    near = {"a": np.array([2.1, 0.2, 1.0]), "b": np.array([2.3, 0.0, 1.0])}
    got = chosen_name(report(impl, actual, near, history, 9.0, 1.0, season=1))
    expect(
        got == "a",
        "On three days where two forecasts leave over 0.1 + 0.2 and 0.3 units (the same cost, apart from rounding), "
        "the report chose the second. Costs within rounding of the lowest (cost <= lowest x (1 + 1e-9)) tie, and "
        "ties go to the first forecast.",
    )
    spread = {"dearer": actual + 0.6, "cheaper": actual + 0.4}
    got = chosen_name(report(impl, actual, spread, history, 9.0, 1.0, season=1))
    expect(
        got == "cheaper",
        "On three days with two forecasts that overstock by 0.6 and by 0.4 units every day, the report did not "
        "choose the cheaper: only costs within rounding of the lowest tie.",
    )
    got = chosen_name(report(impl, actual, {**spread, "exact": actual.copy()}, history, 9.0, 1.0, season=1))
    expect(
        got == "exact",
        "On three days where a forecast equal to the demand (a cost of 0) comes after two that overstock, the "
        "report did not choose the exact forecast: a cost of 0 is the lowest there is.",
    )


@pytest.mark.points(1)
def test_report_bad_input_raises(impl):
    """Are non-positive unit costs, no forecasts, a misaligned forecast and an unusable history refused?"""
    actual, history = [3.0, 0.0, 1.0], [0.0, 2.0, 0.0, 1.0]
    good = {"flat": [1.0, 1.0, 1.0]}
    costs = {"underage_cost": 9.0, "overage_cost": 1.0, "season": 1}
    cases = {
        "underage_cost=0": ((actual, good, history), {**costs, "underage_cost": 0.0}),
        "overage_cost=-1": ((actual, good, history), {**costs, "overage_cost": -1.0}),
        "both unit costs 0": ((actual, good, history), {**costs, "underage_cost": 0.0, "overage_cost": 0.0}),
        "unit costs of -0.5 short and 0.5 left over": (
            (actual, good, history),
            {**costs, "underage_cost": -0.5, "overage_cost": 0.5},
        ),
        "unit costs of 0.5 short and -0.5 left over": (
            (actual, good, history),
            {**costs, "underage_cost": 0.5, "overage_cost": -0.5},
        ),
        "an empty mapping of forecasts": ((actual, {}, history), costs),
        "a forecast one day short": ((actual, {**good, "short": [1.0, 1.0]}, history), costs),
        "a forecast of a single day": ((actual, {**good, "single": [1.0]}, history), costs),
        "a history of zeros": ((actual, good, [0.0] * 4), costs),
    }
    expect_rejected(impl, "forecast_report", cases)
