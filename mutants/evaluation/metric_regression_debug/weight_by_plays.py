"""Weighs each segment by its share of the week's plays (the positives) instead of its share of impressions."""

import pandas as pd


def _segment_table(week):
    table = {}
    for segment, rows in week.groupby("segment", sort=True):
        table[segment] = {
            "weight": rows["label"].sum() / week["label"].sum(),
            "auc": roc_auc(rows["label"], rows["score"]),  # noqa: F821 - the solution's given function
        }
    return pd.DataFrame.from_dict(table, orient="index")
