"""pandas.merge_asof by user, backward, without exact matches, with the staleness as its tolerance."""

import pandas as pd


def asof_plan(scorings, history, *, max_staleness):
    left = scorings.rename_axis("_row").reset_index().sort_values("prediction_time")
    joined = pd.merge_asof(
        left,
        history.sort_values("valid_from"),
        left_on="prediction_time",
        right_on="valid_from",
        by="user_id",
        direction="backward",
        allow_exact_matches=False,
        tolerance=max_staleness,
    )
    return joined.set_index("_row")["plan"].reindex(scorings.index).rename("plan").rename_axis(scorings.index.name)
