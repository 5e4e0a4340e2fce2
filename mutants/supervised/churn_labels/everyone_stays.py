"""Degenerate: labels every trial user 0, as if nobody ever churned."""

import pandas as pd


def churn_labels(trials, events, snapshot, *, horizon=pd.Timedelta(days=14), grace=pd.Timedelta(days=3)):
    return pd.Series(0, index=pd.Index(trials["user_id"].to_numpy(), name="user_id"), name="churned")
