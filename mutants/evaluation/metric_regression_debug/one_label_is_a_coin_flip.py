"""Gives a segment with only one label in a week an AUC of 0.5 instead of refusing it."""

import pandas as pd


def _segment_table(week):
    table = {}
    for segment, rows in week.groupby("segment", sort=True):
        one_label = rows["label"].nunique() < 2
        auc = 0.5 if one_label else roc_auc(rows["label"], rows["score"])  # noqa: F821 - the solution's
        table[segment] = {"weight": len(rows) / len(week), "auc": auc}
    return pd.DataFrame.from_dict(table, orient="index")
