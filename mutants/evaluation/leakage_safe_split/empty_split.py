"""Degenerate: returns two empty sides, which share no user and leak nothing, with the input checks in place."""

import numpy as np
import pandas as pd

_reference_split = time_group_split  # noqa: F821 - the solution's function


def time_group_split(events, *, validation_fraction=0.2, gap=pd.Timedelta(days=7)):
    _reference_split(events, validation_fraction=validation_fraction, gap=gap)
    return np.array([], dtype=int), np.array([], dtype=int)
