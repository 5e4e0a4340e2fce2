"""Graders for supervised/asof_join: the latest plan strictly before each scoring, within a staleness limit."""

import numpy as np
import pandas as pd
import pytest

from data.plan_history import STALENESS, make_plan_history
from mlkata import expect

SCENARIO = (
    "On 150 users' plan changes over 180 days and 1 to 4 scorings each (some exactly at a change, some exactly "
    "45 days after one)"
)
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


def expect_some_plans(result: pd.Series) -> None:
    """Fail an answer with no plan at all: the checks below would prove nothing about it."""
    expect(
        result.notna().any(),
        f"{SCENARIO}, every scoring's plan is missing, although most users had a recent plan change before "
        f"being scored. {CONTRACT}",
    )


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
def test_staleness_limit_separates_fresh_from_stale(candidate_plans, expected):
    """Are scorings with no recent enough change left missing, and all others given a plan?"""
    should_be_missing = expected.isna()
    filled = int(candidate_plans[should_be_missing].notna().sum())
    expect(
        not filled,
        f"{SCENARIO}, {filled} scoring(s) got a plan where none was known within {STALENESS.days} days before "
        "the prediction time. Leave them missing: a later value or a months-old one is not what was known.",
    )
    emptied = int(candidate_plans[~should_be_missing].isna().sum())
    expect(
        not emptied,
        f"{SCENARIO}, {emptied} scoring(s) were left missing although a change at most {STALENESS.days} days old "
        "(exactly that old, for some) was known before the prediction time. The limit is inclusive: "
        "prediction_time - valid_from <= max_staleness.",
    )


@pytest.mark.points(2)
def test_plans_are_the_users_own(candidate_plans, data):
    """Does every answer come from the same user's own history?"""
    scorings, history = data
    expect_some_plans(candidate_plans)
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
def test_later_history_changes_nothing_and_a_recent_change_counts(impl, data, candidate_plans, seed):
    """Do plan changes after every prediction time leave the answers as they were, while a change half an hour
    before a scoring is picked up?"""
    scorings, history = data
    expect_some_plans(candidate_plans)
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
    # each user's last scoring gets a change half an hour before it: nothing else lies between them (scorings
    # exactly at a change are left out here: test_change_at_the_prediction_time_is_not_known judges those)
    recent = pd.DataFrame(
        {"user_id": last.index, "valid_from": last.to_numpy() - pd.Timedelta(minutes=30), "plan": "premium"}
    )
    updated = plans(impl, scorings, pd.concat([history, recent], ignore_index=True))
    is_last = scorings["prediction_time"].to_numpy() == scorings["user_id"].map(last).to_numpy()
    at_change = scorings.merge(
        history, how="left", left_on=["user_id", "prediction_time"], right_on=["user_id", "valid_from"]
    )["valid_from"].notna()
    missed = int((updated[is_last & ~at_change.to_numpy()] != "premium").sum())
    expect(
        not missed,
        f"{SCENARIO}, a plan change added half an hour before each user's last scoring was not picked up for "
        f"{missed} of those scorings. The latest change strictly before the prediction time is the one known.",
    )


HOUR, DAY = pd.Timedelta(hours=1), pd.Timedelta(days=1)


@pytest.mark.points(2)
def test_hand_made_edges(impl, reference):
    """At a change, exactly max_staleness after one, an hour past that, and before any change: is each plan right?"""
    start = pd.Timestamp("2026-04-06 09:00")
    history = pd.DataFrame(
        {
            "user_id": ["a", "a", "b"],
            "valid_from": [start, start + 10 * DAY, start + 20 * DAY],
            "plan": ["duo", "family", "student"],
        }
    )
    times = [start, start + HOUR, start + 10 * DAY, start + 55 * DAY, start + 55 * DAY + HOUR, start + 20 * DAY]
    scorings = pd.DataFrame({"user_id": ["a"] * 5 + ["c"], "prediction_time": times}, index=[9, 4, 7, 1, 8, 2])
    mine, theirs = plans(impl, scorings, history), plans(reference, scorings, history)
    wrong = wrong_rows(mine, theirs)
    expect(
        not wrong,
        "A user with changes on day 0 and day 10, scored on day 0, an hour later, on day 10, on day 55 (the day-10 "
        "change exactly 45 days old), an hour after that; and a user with no history scored when another user's "
        f"plan changes: {wrong} of the 6 answers are wrong, with max_staleness=45 days. {CONTRACT}",
    )


@pytest.mark.points(1)
def test_series_is_named_plan(impl, data):
    """Is the result a Series named "plan", as the contract says?"""
    result = impl.asof_plan(*data, max_staleness=STALENESS)
    expect(
        isinstance(result, pd.Series) and result.name == "plan",
        'asof_plan should return a Series named "plan" (set its name, for example with .rename("plan")).',
    )
