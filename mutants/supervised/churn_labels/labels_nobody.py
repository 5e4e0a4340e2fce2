"""Degenerate: labels nobody (an empty Series)."""

import pandas as pd


def churn_labels(trials, events, snapshot, *, horizon=pd.Timedelta(days=14), grace=pd.Timedelta(days=3)):
    return pd.Series([], dtype=int, name="churned", index=pd.Index([], name="user_id"))
