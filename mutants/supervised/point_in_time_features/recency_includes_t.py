"""Measures days_since_last from the latest session at or before t, so a session exactly at t gives 0."""

import pandas as pd

_reference = point_in_time_features  # noqa: F821 - the solution's function


def point_in_time_features(labelled, activity, *, windows=(7, 28)):
    result = _reference(labelled, activity, windows=windows)
    pairs = labelled.reset_index().merge(activity, on="user_id")
    pairs = pairs[pairs["timestamp"] <= pairs["prediction_time"]]
    age = (pairs["prediction_time"] - pairs["timestamp"]) / pd.Timedelta(days=1)
    since = age.groupby(pairs["index"]).min()
    result["days_since_last"] = since.reindex(labelled.index).astype(float).to_numpy()
    return result
