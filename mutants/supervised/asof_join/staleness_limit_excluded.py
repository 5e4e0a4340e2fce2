"""Drops a plan exactly max_staleness old: the staleness limit is applied with a strict inequality."""

import pandas as pd

_reference = asof_plan  # noqa: F821 - the solution's function


def asof_plan(scorings, history, *, max_staleness):
    return _reference(scorings, history, max_staleness=max_staleness - pd.Timedelta(1, "ns"))
