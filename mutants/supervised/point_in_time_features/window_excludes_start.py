"""Leaves out a session exactly w days before the prediction time: the window's start is excluded."""

import pandas as pd

_reference = point_in_time_features  # noqa: F821 - the solution's function


def point_in_time_features(labelled, activity, *, windows=(7, 28)):
    nudged = activity.assign(timestamp=activity["timestamp"] - pd.Timedelta(1, "ns"))
    result = _reference(labelled, nudged, windows=windows)
    exact = _reference(labelled, activity, windows=windows)
    result["days_since_last"] = exact["days_since_last"]
    return result
