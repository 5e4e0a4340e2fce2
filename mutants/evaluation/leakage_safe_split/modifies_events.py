"""Adds its working column to the caller's events instead of to a copy (the split itself is right)."""

import pandas as pd

_split_on_a_copy = time_group_split  # noqa: F821 - the reference's, defined before this mutant runs


def time_group_split(events, *, validation_fraction=0.2, gap=pd.Timedelta(days=7)):
    events["first_session"] = events.groupby("user_id")["timestamp"].transform("min")
    return _split_on_a_copy(events, validation_fraction=validation_fraction, gap=gap)
