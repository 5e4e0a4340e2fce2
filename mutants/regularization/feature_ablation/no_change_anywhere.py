"""Degenerate: every group gets a change of 0 with an empty interval, and nothing is dropped."""

import pandas as pd


def ablate_feature_groups(features, labels, groups, *, n_splits=3, n_repeats=2, seed=0):
    rows = {name: {"mean_change": 0.0, "low": 0.0, "high": 0.0, "drop": False} for name in groups}
    return pd.DataFrame.from_dict(rows, orient="index")
