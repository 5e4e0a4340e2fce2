"""Censors on the window alone, t + horizon <= snapshot, forgetting that the grace period must be observed too."""

import pandas as pd

_reference = churn_labels  # noqa: F821 - the solution's function


def churn_labels(trials, events, snapshot, *, horizon=pd.Timedelta(days=14), grace=pd.Timedelta(days=3)):
    return _reference(trials, events, snapshot + grace, horizon=horizon, grace=grace)
