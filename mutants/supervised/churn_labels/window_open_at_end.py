"""Uses a window open at its end, (t, t + horizon): a cancel exactly at the horizon is missed."""

import pandas as pd

_reference_churned = _churned  # noqa: F821 - the solution's helper


def _churned(trials, events, horizon, grace):
    return _reference_churned(trials, events, horizon - pd.Timedelta(1, "ns"), grace)
