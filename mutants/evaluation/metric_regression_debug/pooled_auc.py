"""Gives every segment the AUC of the whole week (all segments pooled) instead of its own rows' AUC."""

import pandas as pd


def _segment_table(week):
    pooled = roc_auc(week["label"], week["score"])  # noqa: F821 - the solution's given function
    table = {}
    for segment, rows in week.groupby("segment", sort=True):
        roc_auc(rows["label"], rows["score"])  # noqa: F821 - still refuses a segment with one label
        table[segment] = {"weight": len(rows) / len(week), "auc": pooled}
    return pd.DataFrame.from_dict(table, orient="index")
