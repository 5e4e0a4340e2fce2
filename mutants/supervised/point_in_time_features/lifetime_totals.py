"""Uses each user's lifetime totals for every window and scoring, and recency from their last session ever."""

import pandas as pd


def point_in_time_features(labelled, activity, *, windows=(7, 28)):
    totals = activity.groupby("user_id")["minutes"].agg(["size", "sum"])
    result = pd.DataFrame(index=labelled.index)
    for w in windows:
        result[f"sessions_{w}d"] = labelled["user_id"].map(totals["size"]).fillna(0).astype(int)
        result[f"minutes_{w}d"] = labelled["user_id"].map(totals["sum"]).fillna(0.0)
    last = labelled["user_id"].map(activity.groupby("user_id")["timestamp"].max())
    result["days_since_last"] = (labelled["prediction_time"] - last) / pd.Timedelta(days=1)
    return result
