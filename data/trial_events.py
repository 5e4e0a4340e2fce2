"""Premium trials of a streaming service: when each trial ends, and the cancel/subscribe events."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require

HORIZON = pd.Timedelta(days=14)
GRACE = pd.Timedelta(days=3)
SECOND = pd.Timedelta(seconds=1)
# hand-planted users: (name, [(event, offset from trial end)]); offsets use the default horizon and grace
BOUNDARY_CASES = {
    "b_cancel_at_trial_end": [("cancel", pd.Timedelta(0))],
    "b_cancel_before_trial_end": [("cancel", -pd.Timedelta(days=2))],
    "b_cancel_then_back_before_end": [("cancel", -pd.Timedelta(days=3)), ("subscribe", -pd.Timedelta(days=1))],
    "b_cancel_just_after_end": [("cancel", SECOND)],
    "b_cancel_at_horizon": [("cancel", HORIZON)],
    "b_cancel_just_past_horizon": [("cancel", HORIZON + SECOND)],
    "b_back_at_grace_end": [("cancel", pd.Timedelta(days=5)), ("subscribe", pd.Timedelta(days=5) + GRACE)],
    "b_back_just_past_grace": [("cancel", pd.Timedelta(days=5)), ("subscribe", pd.Timedelta(days=5) + GRACE + SECOND)],
    "b_cancel_at_horizon_back_after_window": [("cancel", HORIZON), ("subscribe", HORIZON + GRACE)],
    "b_two_cancels_second_sticks": [
        ("cancel", pd.Timedelta(days=1)),
        ("subscribe", pd.Timedelta(days=2)),
        ("cancel", pd.Timedelta(days=9)),
    ],
    "b_no_events": [],
}


@generator
def make_trial_events(*, n_users: int = 300, n_days: int = 120, seed: int) -> tuple:
    """``(trials, events, snapshot)`` for a churn label builder.

    - ``trials``: one row per user, columns ``user_id`` (str) and ``trial_end`` (datetime64), the
      prediction time;
    - ``events``: columns ``user_id``, ``timestamp`` and ``event`` (``"cancel"`` or
      ``"subscribe"``), rows shuffled;
    - ``snapshot``: a ``pd.Timestamp``, the end of the data.

    Planted truths (with a 14-day horizon and a 3-day grace period):
    - the users named in ``BOUNDARY_CASES`` (ids starting ``b_``) have events exactly on the
      boundaries: at the trial end, at the horizon, at the end of the grace period, and one second
      past each; one cancels exactly at the horizon and comes back at the end of its grace period,
      after the window has closed (a wobble, not churn);
    - random users cancel before, during and after their window, some resubscribe within or after
      the grace period, some several times;
    - trial ends run up to the snapshot, so the windows of the last ~17 days' users are not fully
      observed (censored); one boundary user ends exactly 17 days before the snapshot (observed);
    - timestamps are whole seconds.
    """
    require(n_users >= 20, f"n_users must be at least 20, got {n_users}")
    require(n_days >= 30, f"n_days must be at least 30, got {n_days}")
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-02-02")
    snapshot = start + pd.Timedelta(days=n_days)
    ids = [f"u{i:04d}" for i in range(n_users)]
    trial_end = start + pd.to_timedelta(rng.integers(0, n_days * 86400, n_users), unit="s")
    rows = []
    for user, end in zip(ids, trial_end, strict=True):
        when = end + pd.Timedelta(seconds=int(rng.integers(-10 * 86400, 30 * 86400)))
        for _ in range(int(rng.integers(0, 4))):
            rows.append((user, when, "cancel"))
            if rng.random() < 0.5:
                back = when + pd.Timedelta(seconds=int(rng.integers(3600, 6 * 86400)))
                rows.append((user, back, "subscribe"))
                when = back + pd.Timedelta(seconds=int(rng.integers(3600, 20 * 86400)))
            else:
                break
    case_end = snapshot - HORIZON - GRACE - pd.Timedelta(days=int(rng.integers(1, 40)))
    boundary_trials = []
    for name, case_events in BOUNDARY_CASES.items():
        boundary_trials.append((name, case_end))
        rows.extend((name, case_end + offset, event) for event, offset in case_events)
    boundary_trials.append(("b_window_ends_at_snapshot", snapshot - HORIZON - GRACE))
    rows.append(("b_window_ends_at_snapshot", snapshot - GRACE, "cancel"))
    trials = pd.DataFrame(
        {
            "user_id": ids + [u for u, _ in boundary_trials],
            "trial_end": list(trial_end) + [e for _, e in boundary_trials],
        }
    )
    events = pd.DataFrame(rows, columns=["user_id", "timestamp", "event"])
    events = events[events["timestamp"] <= snapshot]
    return trials, events.iloc[rng.permutation(len(events))].reset_index(drop=True), snapshot
