"""Degenerate: every row in validation and none in training."""

import numpy as np
import pandas as pd


def time_group_split(events, *, validation_fraction=0.2, gap=pd.Timedelta(days=7)):
    return np.array([], dtype=int), np.arange(len(events))
