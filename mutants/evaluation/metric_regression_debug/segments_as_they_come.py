"""Lists the segments in the order they first appear in last week's rows, not sorted by name."""

import pandas as pd


def _segment_table(week):
    table = {}
    for segment, rows in week.groupby("segment", sort=False):
        auc = roc_auc(rows["label"], rows["score"])  # noqa: F821 - the solution's given function
        table[segment] = {"weight": len(rows) / len(week), "auc": auc}
    return pd.DataFrame.from_dict(table, orient="index")


def explain_auc_change(before, after):
    if before.empty or after.empty:
        raise ValueError("a week without impressions has no AUC")
    first, second = _segment_table(before), _segment_table(after)
    if set(first.index) != set(second.index):
        raise ValueError("the weeks' segments differ")
    second = second.loc[first.index]
    mix, within = _shift_share(first, second)  # noqa: F821 - the solution's helper
    return pd.DataFrame(
        {
            "weight_before": first["weight"],
            "weight_after": second["weight"],
            "auc_before": first["auc"],
            "auc_after": second["auc"],
            "mix_effect": mix,
            "within_effect": within,
        }
    )
