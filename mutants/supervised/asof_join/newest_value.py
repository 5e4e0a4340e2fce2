"""Joins on the user alone and keeps each user's newest plan, even one from after the prediction time."""

import pandas as pd


def asof_plan(scorings, history, *, max_staleness):
    newest = history.sort_values("valid_from").groupby("user_id")["plan"].last()
    return pd.Series(scorings["user_id"].map(newest).to_numpy(), index=scorings.index, name="plan")
