"""Scans the users' first-session times from the latest down with numpy, then masks rows."""

import numpy as np
import pandas as pd


def time_group_split(events, *, validation_fraction=0.2, gap=pd.Timedelta(days=7)):
    if not {"user_id", "timestamp"} <= set(events.columns) or not 0 < validation_fraction < 1:
        raise ValueError("need user_id and timestamp columns and a fraction in (0, 1)")
    if pd.Timedelta(gap) < pd.Timedelta(0):
        raise ValueError("gap must not be negative")
    users, user_of_row = np.unique(events["user_id"].to_numpy(), return_inverse=True)
    times = events["timestamp"].to_numpy()
    first = pd.Series(times).groupby(user_of_row).min().to_numpy()
    rows = np.bincount(user_of_row, minlength=len(users))
    candidates = np.unique(first)[::-1]
    needed = validation_fraction * len(events)
    start = next(t for t in candidates if rows[first >= t].sum() >= needed)
    validation = first[user_of_row] >= start
    train = ~validation & (times < start - np.timedelta64(pd.Timedelta(gap)))
    return np.flatnonzero(train), np.flatnonzero(validation)
