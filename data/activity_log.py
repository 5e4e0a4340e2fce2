"""Listening activity and the moments each user is scored, for point-in-time features."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require


@generator
def make_activity(*, n_users: int = 150, n_days: int = 120, seed: int) -> tuple:
    """``(labelled, activity)``.

    - ``labelled``: columns ``user_id`` and ``prediction_time``; 1 to 3 rows per user (a user is
      scored at several moments), in random order, with an index that is not 0..n-1;
    - ``activity``: columns ``user_id``, ``timestamp``, ``minutes``; rows shuffled.

    Planted truths:
    - timestamps and prediction times are whole hours, so sessions fall exactly on window edges;
    - for every labelled row, a session of the same user is placed exactly at the prediction time,
      exactly 7 days and exactly 28 days before it (edges of the 7- and 28-day windows);
    - every user also has sessions after each of their prediction times (the future), and some
      users have no session before one of their prediction times;
    - a few labelled users never have any activity at all.
    """
    require(n_users >= 10, f"n_users must be at least 10, got {n_users}")
    require(n_days >= 60, f"n_days must be at least 60, got {n_days}")
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-01-05")
    users = [f"u{i:04d}" for i in range(n_users)]
    labelled_rows, sessions = [], []
    for number, user in enumerate(users):
        times = start + pd.to_timedelta(np.sort(rng.integers(30 * 24, n_days * 24, rng.integers(1, 4))), unit="h")
        labelled_rows.extend((user, t) for t in times)
        if number % 25 == 0:
            continue  # never active
        first = int(rng.integers(0, n_days * 24))
        hours = rng.integers(first, n_days * 24 + 30 * 24, int(rng.integers(5, 60)))
        sessions.extend((user, start + pd.Timedelta(hours=int(h))) for h in hours)
        for t in times:
            sessions.extend((user, t - pd.Timedelta(days=d)) for d in (0, 7, 28))
    labelled = pd.DataFrame(labelled_rows, columns=["user_id", "prediction_time"])
    labelled = labelled.iloc[rng.permutation(len(labelled))]
    labelled.index = rng.permutation(len(labelled)) * 3 + 11
    activity = pd.DataFrame(sessions, columns=["user_id", "timestamp"])
    activity["minutes"] = np.round(rng.gamma(2.0, 15.0, len(activity)), 1)
    return labelled, activity.iloc[rng.permutation(len(activity))].reset_index(drop=True)
