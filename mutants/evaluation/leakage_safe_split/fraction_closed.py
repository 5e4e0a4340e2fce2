"""Accepts validation_fraction 0 and 1 (checks 0 <= fraction <= 1), though the docstring asks for (0, 1)."""

import numpy as np
import pandas as pd


def time_group_split(events, *, validation_fraction=0.2, gap=pd.Timedelta(days=7)):
    missing = {"user_id", "timestamp"} - set(events.columns)
    if missing or not 0 <= validation_fraction <= 1 or pd.Timedelta(gap) < pd.Timedelta(0):
        raise ValueError("invalid arguments")
    first_session = events.groupby("user_id")["timestamp"].transform("min")
    per_user = events.groupby("user_id")["timestamp"].agg(["min", "size"])
    start = _validation_start(per_user["min"], per_user["size"], validation_fraction)  # noqa: F821
    is_validation_user = (first_session >= start).to_numpy()
    train = _training_mask(events, is_validation_user, start, pd.Timedelta(gap))  # noqa: F821
    return np.flatnonzero(train), np.flatnonzero(is_validation_user)
