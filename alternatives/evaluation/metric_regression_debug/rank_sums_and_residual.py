"""The AUC as a Mann-Whitney rank sum over each segment's rows, and the within-segment effect as what the
mix effect leaves of the change.

Per segment, (w1 A1 - w0 A0) - (w1 - w0)(A0 + A1)/2 = (A1 - A0)(w0 + w1)/2 exactly, so the residual
is the average-weighted within-segment effect.
"""

import pandas as pd
from scipy.stats import rankdata


def _auc(rows: pd.DataFrame) -> float:
    played = rows["label"].to_numpy() == 1
    n_played, n_skipped = played.sum(), (~played).sum()
    if n_played == 0 or n_skipped == 0:
        raise ValueError("a segment with a single label has no AUC")
    ranks = rankdata(rows["score"].to_numpy())  # tied scores share their average rank: one half each
    return float((ranks[played].sum() - n_played * (n_played + 1) / 2) / (n_played * n_skipped))


def _per_segment(week: pd.DataFrame) -> pd.DataFrame:
    if len(week) == 0:
        raise ValueError("an empty week")
    weight = week["segment"].value_counts(normalize=True).sort_index()
    auc = pd.Series({segment: _auc(rows) for segment, rows in week.groupby("segment")}).sort_index()
    return pd.DataFrame({"weight": weight, "auc": auc})


def explain_auc_change(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    old, new = _per_segment(before), _per_segment(after)
    if not old.index.equals(new.index):
        raise ValueError("the two weeks have different segments")
    table = pd.DataFrame(
        {
            "weight_before": old["weight"],
            "weight_after": new["weight"],
            "auc_before": old["auc"],
            "auc_after": new["auc"],
        }
    )
    mean_auc = (table["auc_before"] + table["auc_after"]) / 2
    table["mix_effect"] = (table["weight_after"] - table["weight_before"]) * mean_auc
    total = table["weight_after"] * table["auc_after"] - table["weight_before"] * table["auc_before"]
    table["within_effect"] = total - table["mix_effect"]
    return table
