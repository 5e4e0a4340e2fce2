"""Graders for supervised/asof_join: the latest plan strictly before each scoring, within a staleness limit."""

import numpy as np
import pandas as pd
import pytest

from data.plan_history import make_plan_history
from mlkata import expect

STALENESS = pd.Timedelta(days=45)
SCENARIO = "On 150 users' plan changes over 180 days and 1 to 4 scorings each (some exactly at a change)"
CONTRACT = (
    "Take the same user's latest change with valid_from strictly before the prediction time, and only if it is "
    "at most max_staleness old; otherwise the plan is missing."
)


def plans(impl, scorings, history, staleness=STALENESS) -> pd.Series:
    result = impl.asof_plan(scorings, history, max_staleness=staleness)
    expect(isinstance(result, pd.Series), "asof_plan should return a pandas Series.")
    expect(
        result.index.equals(scorings.index),
        "The result should keep the index and row order of `scorings`: did a sort or merge reorder the rows?",
    )
    return result.astype(object).where(result.notna(), None)


def wrong_rows(mine: pd.Series, theirs: pd.Series) -> int:
    return int((mine.fillna("∅").to_numpy() != theirs.fillna("∅").to_numpy()).sum())


@pytest.fixture(scope="module")
def data(seed):
    return make_plan_history(seed=seed)


@pytest.fixture(scope="module")
def candidate_plans(impl, data):
    return plans(impl, *data)


@pytest.fixture(scope="module")
def expected(reference, data):
    return plans(reference, *data)


@pytest.mark.points(4)
def test_plan_known_at_each_scoring(candidate_plans, expected):
    """Is every scoring given the plan known at its prediction time, or missing?"""
    wrong = wrong_rows(candidate_plans, expected)
    expect(not wrong, f"{SCENARIO}, {wrong} scoring(s) got the wrong plan. {CONTRACT}")


@pytest.mark.points(2)
def test_change_at_the_prediction_time_is_not_known(candidate_plans, expected, data):
    """Is a plan change recorded exactly at the prediction time left out?"""
    scorings, history = data
    at_change = scorings.reset_index().merge(
        history, left_on=["user_id", "prediction_time"], right_on=["user_id", "valid_from"]
    )["index"]
    wrong = wrong_rows(candidate_plans[at_change], expected[at_change])
    expect(
        not wrong,
        f"{SCENARIO}, {wrong} scoring(s) that fall exactly on one of the user's plan changes got the wrong plan. "
        "A change at the very instant of scoring is not yet known: use valid_from < prediction_time.",
    )


@pytest.mark.points(2)
def test_stale_or_unknown_plans_are_missing(candidate_plans, expected):
    """Are scorings with no recent enough change left missing, rather than given an old or later plan?"""
    should_be_missing = expected.isna()
    filled = int(candidate_plans[should_be_missing].notna().sum())
    expect(
        not filled,
        f"{SCENARIO}, {filled} scoring(s) got a plan where none was known within {STALENESS.days} days before "
        "the prediction time. Leave them missing: a later value or a months-old one is not what was known.",
    )


@pytest.mark.points(2)
def test_plans_are_the_users_own(candidate_plans, data):
    """Does every answer come from the same user's own history?"""
    scorings, history = data
    own = history.groupby("user_id")["plan"].agg(set)
    foreign = sum(
        1
        for user, plan in zip(scorings["user_id"], candidate_plans, strict=True)
        if plan is not None and plan not in own.get(user, set())
    )
    expect(
        not foreign,
        f"{SCENARIO}, {foreign} scoring(s) got a plan their user never had. Match on the user as well as the "
        "time (merge_asof's `by=`).",
    )


@pytest.mark.points(2)
def test_later_history_changes_nothing(impl, data, candidate_plans, seed):
    """Do plan changes after every prediction time leave the answers as they were?"""
    scorings, history = data
    last = scorings.groupby("user_id")["prediction_time"].max()
    rng = np.random.default_rng(seed)
    later = pd.DataFrame(
        {
            "user_id": last.index,
            "valid_from": last.to_numpy() + pd.to_timedelta(rng.integers(1, 2000, len(last)), unit="h"),
            "plan": "family",
        }
    )
    again = plans(impl, scorings, pd.concat([history, later], ignore_index=True))
    changed = wrong_rows(again, candidate_plans)
    expect(
        not changed,
        f"{SCENARIO}, adding plan changes after each user's last scoring changed {changed} answer(s): only "
        "changes before the prediction time may count.",
    )
