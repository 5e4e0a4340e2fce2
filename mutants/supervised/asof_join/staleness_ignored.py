"""Uses the latest known plan however old it is: the staleness limit is ignored."""

import pandas as pd

_reference = asof_plan  # noqa: F821 - the solution's function


def asof_plan(scorings, history, *, max_staleness):
    return _reference(scorings, history, max_staleness=pd.Timedelta(days=10**5))
