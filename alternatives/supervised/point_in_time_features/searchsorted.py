"""Sorts each user's sessions once and finds window edges with np.searchsorted and cumulative sums."""

import numpy as np
import pandas as pd


def point_in_time_features(labelled, activity, *, windows=(7, 28)):
    sessions = {}
    for user, group in activity.sort_values("timestamp").groupby("user_id"):
        times = group["timestamp"].to_numpy()
        sessions[user] = (times, np.r_[0.0, np.cumsum(group["minutes"].to_numpy(dtype=float))])
    empty = (np.array([], dtype="datetime64[ns]"), np.zeros(1))
    rows = []
    for user, t in zip(labelled["user_id"], labelled["prediction_time"], strict=True):
        times, cumulative = sessions.get(user, empty)
        end = np.searchsorted(times, np.datetime64(t), side="left")  # sessions strictly before t
        row = {}
        for w in windows:
            begin = np.searchsorted(times, np.datetime64(t - pd.Timedelta(days=w)), side="left")
            row[f"sessions_{w}d"] = int(end - begin)
            row[f"minutes_{w}d"] = float(cumulative[end] - cumulative[begin])
        row["days_since_last"] = (t - pd.Timestamp(times[end - 1])) / pd.Timedelta(days=1) if end else np.nan
        rows.append(row)
    return pd.DataFrame(rows, index=labelled.index)
