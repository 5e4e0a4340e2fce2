"""Degenerate: marks every group for dropping, with changes of 0."""

import pandas as pd


def ablate_feature_groups(features, labels, groups, *, n_splits=3, n_repeats=2, seed=0):
    rows = {name: {"mean_change": 0.0, "low": 0.0, "high": 0.0, "drop": True} for name in groups}
    return pd.DataFrame.from_dict(rows, orient="index")
