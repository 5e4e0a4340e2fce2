"""Returns the right labels in a Series without the name the contract asks for."""

import pandas as pd

_reference = churn_labels  # noqa: F821 - the solution's function


def churn_labels(trials, events, snapshot, *, horizon=pd.Timedelta(days=14), grace=pd.Timedelta(days=3)):
    return _reference(trials, events, snapshot, horizon=horizon, grace=grace).rename(None)
