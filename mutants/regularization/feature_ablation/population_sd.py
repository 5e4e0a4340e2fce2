"""Uses the population standard deviation (ddof=0) for the interval, which is too narrow."""

import numpy as np
import pandas as pd

_reference = ablate_feature_groups  # noqa: F821 - the solution's function


def ablate_feature_groups(features, labels, groups, *, n_splits=3, n_repeats=2, seed=0):
    result = _reference(features, labels, groups, n_splits=n_splits, n_repeats=n_repeats, seed=seed)
    n = n_splits * n_repeats
    half = (result["high"] - result["low"]) / 2 * np.sqrt((n - 1) / n)
    low, high = result["mean_change"] - half, result["mean_change"] + half
    return pd.DataFrame({"mean_change": result["mean_change"], "low": low, "high": high, "drop": low > 0})
