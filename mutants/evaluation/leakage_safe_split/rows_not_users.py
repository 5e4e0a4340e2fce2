"""Splits rows by time alone: a user active across the cut lands on both sides."""

import numpy as np
import pandas as pd


def time_group_split(events, *, validation_fraction=0.2, gap=pd.Timedelta(days=7)):
    start = events["timestamp"].quantile(1 - validation_fraction)
    validation = (events["timestamp"] >= start).to_numpy()
    train = (events["timestamp"] < start - pd.Timedelta(gap)).to_numpy()
    return np.flatnonzero(train), np.flatnonzero(validation)
