"""Graders for supervised/point_in_time_features: trailing windows strictly before the prediction time."""

import numpy as np
import pandas as pd
import pytest

from data.activity_log import make_activity
from mlkata import as_frame, expect

WINDOWS = (7, 28)
SCENARIO = "On 150 users scored 1 to 3 times each, with sessions exactly at t, t - 7 days and t - 28 days"
CONTRACT = (
    "A session counts for a window of w days when t - w days <= timestamp < t; days_since_last measures from "
    "the latest session strictly before t."
)


def columns(windows):
    return [name for w in windows for name in (f"sessions_{w}d", f"minutes_{w}d")] + ["days_since_last"]


def features(impl, labelled, activity, windows=WINDOWS) -> pd.DataFrame:
    result = as_frame(
        impl.point_in_time_features(labelled, activity, windows=windows),
        what="point_in_time_features's result",
        columns=columns(windows),
    )
    expect(
        result.index.equals(labelled.index),
        "The result should keep the index and row order of `labelled` (one row per scoring, in the same order).",
    )
    return result[columns(windows)].astype(float)


def expect_counted(result: pd.DataFrame) -> None:
    """Fail an answer that counts nothing: invariance proves nothing about it."""
    counts = result[[c for c in result.columns if c.startswith("sessions_")]]
    expect(
        (counts.to_numpy() > 0).any() and result["days_since_last"].notna().any(),
        f"{SCENARIO}, every scoring got 0 sessions and no recency, although most users were active before their "
        f"prediction time. {CONTRACT}",
    )


def mismatched(mine: pd.DataFrame, theirs: pd.DataFrame) -> list[str]:
    return [c for c in theirs.columns if not np.allclose(mine[c], theirs[c], rtol=1e-9, atol=1e-9, equal_nan=True)]


@pytest.fixture(scope="module")
def data(seed):
    return make_activity(seed=seed)


@pytest.fixture(scope="module")
def candidate_features(impl, data):
    return features(impl, *data)


@pytest.mark.points(4)
def test_features_as_of_each_prediction_time(reference, data, candidate_features):
    """Is every feature exact, for every scoring of every user?"""
    wrong = mismatched(candidate_features, features(reference, *data))
    expect(not wrong, f"{SCENARIO}, these features are wrong: {wrong}. {CONTRACT}")


@pytest.mark.points(3)
def test_future_activity_changes_nothing(impl, data, candidate_features, seed):
    """Do sessions after a user's prediction times, added or removed, leave the features as they were?"""
    labelled, activity = data
    expect_counted(candidate_features)
    last_scoring = labelled.groupby("user_id")["prediction_time"].max()
    after = activity["timestamp"] > activity["user_id"].map(last_scoring)
    trimmed = features(impl, labelled, activity[~after])
    rng = np.random.default_rng(seed)
    users = last_scoring.sample(frac=0.6, random_state=int(rng.integers(2**31)))
    future = pd.DataFrame(
        {
            "user_id": users.index,
            "timestamp": users.to_numpy() + pd.to_timedelta(rng.integers(1, 30 * 24, len(users)), unit="h"),
            "minutes": 25.0,
        }
    )
    padded = features(impl, labelled, pd.concat([activity, future], ignore_index=True))
    changed = sorted(set(mismatched(trimmed, candidate_features)) | set(mismatched(padded, candidate_features)))
    expect(
        not changed,
        f"{SCENARIO}, removing or adding sessions after each user's last prediction time changed {changed}. "
        "Features may only use what was known before t: no lifetime totals, no windows anchored at today.",
    )


@pytest.mark.points(2)
def test_window_edges(impl, reference):
    """Is a session exactly at t left out, and one exactly w days before t counted?"""
    t = pd.Timestamp("2026-03-30 12:00")
    labelled = pd.DataFrame({"user_id": ["a", "a", "b"], "prediction_time": [t, t + pd.Timedelta(hours=1), t]})
    activity = pd.DataFrame(
        {
            "user_id": ["a"] * 5 + ["b"],
            "timestamp": [
                t,
                t - pd.Timedelta(days=7),
                t - pd.Timedelta(days=7, hours=1),
                t - pd.Timedelta(days=28),
                t + pd.Timedelta(hours=1),
                t - pd.Timedelta(days=40),
            ],
            "minutes": [5.0, 10.0, 20.0, 40.0, 80.0, 160.0],
        }
    )
    wrong = mismatched(features(impl, labelled, activity), features(reference, labelled, activity))
    expect(
        not wrong,
        "Sessions exactly at t, exactly 7 and 28 days before t, one hour past the 7-day edge, and a user scored "
        f"twice an hour apart: {wrong} are wrong. {CONTRACT}",
    )


@pytest.mark.points(1)
def test_other_windows(impl, reference, data):
    """With windows of 1, 3 and 90 days, are the features still exact?"""
    windows = (1, 3, 90)
    wrong = mismatched(features(impl, *data, windows=windows), features(reference, *data, windows=windows))
    expect(not wrong, f"{SCENARIO}, with windows=(1, 3, 90) these features are wrong: {wrong}. Use the windows given.")


@pytest.mark.points(1)
def test_users_without_activity(candidate_features, data):
    """Does a user with no session before t get zero counts and a missing recency?"""
    labelled, activity = data
    expect_counted(candidate_features)
    silent = ~labelled["user_id"].isin(activity["user_id"])
    rows = candidate_features[silent.to_numpy()]
    expect(
        (rows.drop(columns="days_since_last") == 0).all().all() and rows["days_since_last"].isna().all(),
        f"{SCENARIO}, users with no activity at all should get 0 sessions, 0.0 minutes and NaN days_since_last.",
    )


@pytest.mark.points(1)
def test_columns_in_order_with_their_types(impl, data):
    """Are the columns in the contract's order, with int session counts and float minutes and recency?"""
    result = impl.point_in_time_features(*data, windows=WINDOWS)
    expect(
        isinstance(result, pd.DataFrame) and list(result.columns) == columns(WINDOWS),
        f"The columns should be exactly {columns(WINDOWS)}, in that order: sessions and minutes for each window "
        "in the order given, then days_since_last.",
    )
    is_int, is_float = pd.api.types.is_integer_dtype, pd.api.types.is_float_dtype
    wrong = [c for c in result.columns if not (is_int if c.startswith("sessions_") else is_float)(result[c])]
    expect(
        not wrong,
        f"These columns have the wrong dtype: {wrong}. Session counts are ints; minutes and days_since_last are "
        "floats.",
    )
