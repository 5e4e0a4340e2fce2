"""Looks up the latest plan change by time alone, so another user's plan can answer."""

import pandas as pd


def asof_plan(scorings, history, *, max_staleness):
    left = scorings.reset_index().sort_values("prediction_time")
    right = history.sort_values("valid_from")[["valid_from", "plan"]]
    joined = pd.merge_asof(
        left,
        right,
        left_on="prediction_time",
        right_on="valid_from",
        allow_exact_matches=False,
        tolerance=max_staleness,
    )
    return joined.set_index("index")["plan"].reindex(scorings.index).rename("plan")
