"""Uses a grace period open at its end: a comeback exactly at cancel + grace is not counted."""

import pandas as pd

_reference_churned = _churned  # noqa: F821 - the solution's helper


def _churned(trials, events, horizon, grace):
    return _reference_churned(trials, events, horizon, grace - pd.Timedelta(1, "ns"))
