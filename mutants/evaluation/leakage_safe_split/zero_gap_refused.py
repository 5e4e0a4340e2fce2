"""Refuses a gap of zero (checks gap <= 0), though only a negative gap is invalid."""

import pandas as pd

_reference_split = time_group_split  # noqa: F821 - the solution's function


def time_group_split(events, *, validation_fraction=0.2, gap=pd.Timedelta(days=7)):
    if pd.Timedelta(gap) <= pd.Timedelta(0):
        raise ValueError("gap must be positive")
    return _reference_split(events, validation_fraction=validation_fraction, gap=gap)
