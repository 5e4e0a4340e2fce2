"""Counts a play and a skip with the same score as a miss, not one half: the AUC of tied scores too low."""

import numpy as np
import pandas as pd


def _segment_table(week):
    table = {}
    for segment, rows in week.groupby("segment", sort=True):
        labels, scores = rows["label"].to_numpy(), rows["score"].to_numpy()
        if labels.min() == labels.max():
            raise ValueError(f"segment {segment!r} has only one label in a week")
        played, skipped = np.sort(scores[labels == 1]), np.sort(scores[labels == 0])
        wins = np.searchsorted(skipped, played, side="left").sum()  # skips strictly below each play
        table[segment] = {"weight": len(rows) / len(week), "auc": wins / (len(played) * len(skipped))}
    return pd.DataFrame.from_dict(table, orient="index")
