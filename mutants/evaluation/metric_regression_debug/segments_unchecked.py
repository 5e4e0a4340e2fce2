"""Never checks that the two weeks have the same segments: a segment in one week only gets NaN, not an error."""

import pandas as pd


def explain_auc_change(before, after):
    if before.empty or after.empty:
        raise ValueError("a week without impressions has no AUC")
    weeks = _segment_table(before), _segment_table(after)  # noqa: F821 - the solution's helper
    mix, within = _shift_share(*weeks)  # noqa: F821 - the solution's helper
    return pd.DataFrame(
        {
            "weight_before": weeks[0]["weight"],
            "weight_after": weeks[1]["weight"],
            "auc_before": weeks[0]["auc"],
            "auc_after": weeks[1]["auc"],
            "mix_effect": mix,
            "within_effect": within,
        }
    )
