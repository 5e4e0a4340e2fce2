"""Graders for supervised/churn_labels: eligibility, a half-open window, grace and censoring."""

import numpy as np
import pandas as pd
import pytest

from data.trial_events import GRACE, HORIZON, make_trial_events
from mlkata import GradeFailure, as_int, expect

SCENARIO = "On 300 trials ending over 120 days, with cancels and comebacks before, during and after the window"
BOUNDARY_WORDS = {
    "b_cancel_at_trial_end": "cancelled exactly at the trial end (already gone at prediction time)",
    "b_cancel_before_trial_end": "cancelled before the trial end",
    "b_cancel_then_back_before_end": "cancelled and came back before the trial end",
    "b_cancel_just_after_end": "cancelled one second after the trial end",
    "b_cancel_at_horizon": "cancelled exactly at t + horizon",
    "b_cancel_just_past_horizon": "cancelled one second after t + horizon",
    "b_back_at_grace_end": "came back exactly at the end of the grace period",
    "b_back_just_past_grace": "came back one second after the grace period",
    "b_cancel_at_horizon_back_after_window": "cancelled exactly at t + horizon and came back at the end of the grace "
    "period, after the window had closed",
    "b_two_cancels_second_sticks": "cancelled, came back, and cancelled again for good inside the window",
    "b_no_events": "never cancelled",
    "b_window_ends_at_snapshot": "whose window plus grace ends exactly at the snapshot",
}


def labels(impl, trials, events, snapshot, **options) -> dict:
    result = impl.churn_labels(trials, events, snapshot, **options)
    expect(isinstance(result, pd.Series), "churn_labels should return a pandas Series indexed by user_id.")
    expect(result.index.is_unique, "The returned Series lists some users more than once.")
    return {user: as_int(value, what=f"the label of {user}") for user, value in result.items()}


def differences(mine: dict, theirs: dict) -> str:
    wrong = sum(1 for user in mine.keys() & theirs.keys() if mine[user] != theirs[user])
    extra, missing = len(mine.keys() - theirs.keys()), len(theirs.keys() - mine.keys())
    return f"{wrong} wrong label(s), {extra} user(s) labelled who should not be, {missing} missing"


@pytest.fixture(scope="module")
def data(seed):
    return make_trial_events(seed=seed)


@pytest.fixture(scope="module")
def candidate_labels(impl, data):
    return labels(impl, *data)


@pytest.fixture(scope="module")
def expected(reference, data):
    return labels(reference, *data)


@pytest.mark.points(4)
def test_labels_on_generated_trials(candidate_labels, expected):
    """Is every eligible, fully observed user labelled, and labelled right?"""
    expect(
        candidate_labels == expected,
        f"{SCENARIO}: {differences(candidate_labels, expected)}. Check the window (t, t + horizon], the grace "
        "period, eligibility at t and censoring (t + horizon + grace must not pass the snapshot).",
    )


@pytest.mark.points(3)
def test_boundary_users(candidate_labels, expected):
    """Are users whose events fall exactly on a boundary, or one second past it, labelled right?"""
    wrong = [
        BOUNDARY_WORDS[user]
        for user in BOUNDARY_WORDS
        if candidate_labels.get(user, "none") != expected.get(user, "none")
    ]
    expect(
        not wrong,
        "Users whose events sit exactly on a boundary are mishandled: the user who "
        + "; the user who ".join(wrong)
        + ". The window is (t, t + horizon]: open at t, closed at t + horizon; a comeback at exactly cancel + grace "
        "still counts as a comeback.",
    )


@pytest.mark.points(2)
def test_exactly_the_observed_eligible_users_are_labelled(candidate_labels, expected, data):
    """Do users whose window is not fully observed, or who had left by the trial end, get no label, and all
    others one?"""
    trials, _, snapshot = data
    censored = set(trials.loc[trials["trial_end"] + HORIZON + GRACE > snapshot, "user_id"])
    labelled_censored = censored & candidate_labels.keys()
    expect(
        not labelled_censored,
        f"{SCENARIO}, {len(labelled_censored)} user(s) whose window and grace period run past the snapshot got a "
        "label. Their outcome is unknown: leave them out rather than calling them non-churners.",
    )
    departed = {"b_cancel_at_trial_end", "b_cancel_before_trial_end"} & candidate_labels.keys()
    expect(
        not departed,
        "A user whose last event at or before the trial end is a cancel has already left; they get no label.",
    )
    unlabelled = len(expected.keys() - candidate_labels.keys())
    expect(
        not unlabelled,
        f"{SCENARIO}, {unlabelled} user(s) who had not left by the trial end, and whose window and grace period "
        "are fully observed, got no label. Every such user is labelled, 0 or 1.",
    )


@pytest.mark.points(1)
def test_series_is_named_churned(impl, data):
    """Is the result a Series named "churned", as the contract says?"""
    result = impl.churn_labels(*data)
    expect(
        isinstance(result, pd.Series) and result.name == "churned",
        'churn_labels should return a Series named "churned" (set its name, for example with .rename("churned")).',
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    "horizon, grace",
    [(pd.Timedelta(days=7), pd.Timedelta(0)), (pd.Timedelta(days=30), pd.Timedelta(days=1))],
    ids=["7d-no-grace", "30d-1d-grace"],
)
def test_other_horizons_and_grace_periods(impl, reference, data, horizon, grace):
    """With another horizon and grace period, are the labels still exact?"""
    mine = labels(impl, *data, horizon=horizon, grace=grace)
    theirs = labels(reference, *data, horizon=horizon, grace=grace)
    expect(
        mine == theirs,
        f"{SCENARIO}, with horizon={horizon.days} days and grace={grace.days} day(s): {differences(mine, theirs)}. "
        "Use the horizon and grace arguments everywhere, censoring included.",
    )


@pytest.mark.points(2)
def test_events_after_the_window_change_nothing(impl, data, candidate_labels, seed):
    """Do events after a user's window and grace period leave every label as it was?"""
    trials, events, snapshot = data
    expect(
        len(set(candidate_labels.values())) == 2,
        f"{SCENARIO}, where some users churn and others stay, your labels are all the same (or there are none), "
        "so there is nothing that later events could be seen to leave alone. Label churners 1 and stayers 0.",
    )
    rng = np.random.default_rng(seed)
    late = trials.sample(frac=0.5, random_state=int(rng.integers(2**31)))
    after = late["trial_end"] + HORIZON + GRACE + pd.to_timedelta(rng.integers(1, 20 * 86400, len(late)), unit="s")
    extra = pd.concat(
        [
            pd.DataFrame({"user_id": late["user_id"].to_numpy(), "timestamp": after.to_numpy(), "event": "cancel"}),
            pd.DataFrame(
                {
                    "user_id": late["user_id"].to_numpy(),
                    "timestamp": (after + pd.Timedelta(hours=5)).to_numpy(),
                    "event": "subscribe",
                }
            ),
        ]
    )
    extra = extra[extra["timestamp"] <= snapshot]
    again = labels(impl, trials, pd.concat([events, extra], ignore_index=True), snapshot)
    expect(
        again == candidate_labels,
        f"{SCENARIO}, adding cancels and comebacks after each user's window and grace period changed "
        f"{sum(again.get(u) != v for u, v in candidate_labels.items())} label(s). Only events inside (t, t + horizon] "
        "and their grace periods may decide a label: are you looking at the whole future history?",
    )


DAY, SECOND = pd.Timedelta(days=1), pd.Timedelta(seconds=1)


def small_logs():
    """A hypothesis strategy: up to 40 users on trials ending over ten days, each with a short chain of
    alternating cancels and comebacks whose first event and gaps sit on, or one second either side of,
    each boundary. Hypothesis is imported here, when the test runs: importing it costs more than the
    rest of these graders' collection."""
    from hypothesis import strategies as st

    @st.composite
    def logs(draw) -> tuple:
        horizon = draw(st.sampled_from([pd.Timedelta(days=7), pd.Timedelta(days=14)]))
        grace = draw(st.sampled_from([pd.Timedelta(0), pd.Timedelta(days=3)]))
        first = [-5 * DAY, -SECOND, 0 * DAY, SECOND, 2 * DAY, horizon - SECOND, horizon, horizon + SECOND, 3 * horizon]
        gaps = [g for g in (SECOND, grace - SECOND, grace, grace + SECOND, DAY, 4 * DAY) if g > pd.Timedelta(0)]
        start = pd.Timestamp("2026-03-02")
        trials, rows = [], []
        for i in range(draw(st.integers(1, 40))):
            user, trial_end = f"u{i}", start + draw(st.integers(0, 10)) * DAY
            trials.append((user, trial_end))
            when = trial_end + draw(st.sampled_from(first))
            for k in range(draw(st.integers(0, 4))):
                rows.append((user, when, "cancel" if k % 2 == 0 else "subscribe"))
                when += draw(st.sampled_from(gaps))
        snapshot = max(t for _, t in trials) + horizon + grace + draw(st.sampled_from([-SECOND, 0 * DAY, 3 * DAY]))
        events = pd.DataFrame(rows, columns=["user_id", "timestamp", "event"]).astype({"timestamp": "datetime64[ns]"})
        trials = pd.DataFrame(trials, columns=["user_id", "trial_end"])
        return trials, events[events["timestamp"] <= snapshot], snapshot, horizon, grace

    return logs()


def describe(user: str, trials: pd.DataFrame, events: pd.DataFrame, snapshot, horizon, grace) -> str:
    """One user's log, every time relative to their trial end t."""
    t = trials.loc[trials["user_id"] == user, "trial_end"].iloc[0]
    mine = events[events["user_id"] == user].sort_values("timestamp")
    happened = (
        ", ".join(
            f"{event} at t{'+' if when >= t else '-'}{abs(when - t)}"
            for when, event in zip(mine["timestamp"], mine["event"], strict=True)
        )
        or "no events"
    )
    return f"{happened}; horizon {horizon}, grace {grace}, snapshot at t+{snapshot - t}"


@pytest.mark.points(2)
def test_labels_on_random_small_logs(impl, reference, seed):
    """On many small random logs with events on and around every boundary, is every label right?"""
    import hypothesis

    @hypothesis.seed(seed)
    @hypothesis.settings(
        max_examples=6,
        phases=[hypothesis.Phase.generate],  # users are independent: the first wrong user is example enough
        database=None,
        deadline=None,
        report_multiple_bugs=False,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(small_logs())
    def agrees_with_the_contract(log):
        trials, events, snapshot, horizon, grace = log
        theirs = labels(reference, trials, events, snapshot, horizon=horizon, grace=grace)
        mine = labels(impl, trials, events, snapshot, horizon=horizon, grace=grace)
        wrong = sorted(u for u in mine.keys() | theirs.keys() if mine.get(u) != theirs.get(u))
        if wrong:
            raise GradeFailure(
                f"On a small random event log, {len(wrong)} user(s) got the wrong label, or a label where none is "
                f"due, or none where one is; one of them: {describe(wrong[0], trials, *log[1:])}. Walk through that "
                "user's events against the contract, boundary by boundary."
            )

    try:
        agrees_with_the_contract()
    except hypothesis.errors.Flaky:
        raise GradeFailure("churn_labels gave different labels for the same event log on two calls.") from None
