"""Censors with a strict inequality, t + horizon + grace < snapshot: a window that ends at the snapshot is dropped."""

import pandas as pd

_reference = churn_labels  # noqa: F821 - the solution's function


def churn_labels(trials, events, snapshot, *, horizon=pd.Timedelta(days=14), grace=pd.Timedelta(days=3)):
    return _reference(trials, events, snapshot - pd.Timedelta(1, "ns"), horizon=horizon, grace=grace)
