"""Degenerate: zero counts and minutes and a missing recency for every row."""

import numpy as np
import pandas as pd


def point_in_time_features(labelled, activity, *, windows=(7, 28)):
    result = pd.DataFrame(index=labelled.index)
    for w in windows:
        result[f"sessions_{w}d"] = 0
        result[f"minutes_{w}d"] = 0.0
    result["days_since_last"] = np.nan
    return result
