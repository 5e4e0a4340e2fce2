"""A music streaming service's listening events, for splitting by time and by user."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require


@generator
def make_listening_events(*, n_users: int = 150, n_days: int = 90, seed: int) -> pd.DataFrame:
    """One row per listening session: ``event_id``, ``user_id``, ``timestamp``, ``minutes``, ``skips``.

    Planted truths:
    - ``event_id`` is unique (0..n-1 before shuffling); ``user_id`` strings like ``"u0042"``;
    - users sign up uniformly over the ``n_days`` days starting 2026-01-05 and stay active for
      2 to 60 days, with 1 to 6 sessions a day: long histories straddle any cut in time;
    - timestamps are whole hours, so many sessions share a timestamp, and several users share the
      hour of their first session;
    - rows are in random order and the index is not 0..n-1 (shuffled labels), so positions and
      labels differ.
    """
    require(n_users >= 10, f"n_users must be at least 10, got {n_users}")
    require(n_days >= 14, f"n_days must be at least 14, got {n_days}")
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-01-05")
    signup_hours = rng.integers(0, n_days * 24, n_users) // 6 * 6  # shared first-session hours
    active_days = rng.integers(2, 61, n_users)
    users, hours = [], []
    for user in range(n_users):
        sessions = int(active_days[user] * rng.uniform(1, 6))
        offsets = np.sort(rng.integers(0, active_days[user] * 24, sessions))
        offsets[0] = 0
        users.append(np.full(sessions, user))
        hours.append(signup_hours[user] + offsets)
    user = np.concatenate(users)
    hour = np.concatenate(hours)
    frame = pd.DataFrame(
        {
            "event_id": np.arange(len(user)),
            "user_id": [f"u{u:04d}" for u in user],
            "timestamp": start + pd.to_timedelta(hour, unit="h"),
            "minutes": np.round(rng.gamma(2.0, 12.0, len(user)), 1),
            "skips": rng.poisson(3, len(user)),
        }
    )
    order = rng.permutation(len(frame))
    frame = frame.iloc[order]
    frame.index = rng.permutation(len(frame)) + 1000
    return frame
