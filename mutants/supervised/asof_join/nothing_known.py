"""Degenerate: no plan for anyone, as if nothing were ever known."""

import pandas as pd


def asof_plan(scorings, history, *, max_staleness):
    return pd.Series(None, index=scorings.index, name="plan", dtype=object)
