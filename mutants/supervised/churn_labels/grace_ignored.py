"""Takes every cancel in the window as churn, even when the user came back within the grace period."""

import pandas as pd

_reference_churned = _churned  # noqa: F821 - the solution's helper


def _churned(trials, events, horizon, grace):
    return _reference_churned(trials, events, horizon, pd.Timedelta(0))
