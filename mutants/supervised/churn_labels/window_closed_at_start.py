"""Uses a window closed at the prediction time, [t, t + horizon]: a cancel exactly at t becomes churn."""

import pandas as pd

_reference_eligible = _eligible  # noqa: F821 - the solution's helper
_reference_churned = _churned  # noqa: F821


def _eligible(trials, events):
    return _reference_eligible(trials.assign(trial_end=trials["trial_end"] - pd.Timedelta(1, "ns")), events)


def _churned(trials, events, horizon, grace):
    earlier = trials.assign(trial_end=trials["trial_end"] - pd.Timedelta(1, "ns"))
    return _reference_churned(earlier, events, horizon + pd.Timedelta(1, "ns"), grace)
