"""As-of join: the plan each user was on, as known at the moment they were scored.

Users change subscription plan over time. A model scored at a prediction time may only use the plan
that was known then: a plan change recorded at the very same instant is not yet visible to a model
scoring at that instant, and a plan last confirmed months ago is too stale to trust.

Contract — ``asof_plan(scorings, history, *, max_staleness)``:
- ``scorings`` has ``user_id`` and ``prediction_time``; ``history`` has ``user_id``, ``valid_from``
  and ``plan``, one row per plan change. Rows of both are in any order.
- For each scoring, the answer is the plan of the same user's latest change with
  ``valid_from < prediction_time`` (strictly before), provided
  ``prediction_time - valid_from <= max_staleness``.
- When the user has no change before the prediction time, or the latest one is staler than
  ``max_staleness``, the answer is missing (``None`` or NaN) — never a later value, never another
  user's.
- Return a Series named ``"plan"`` with the same index and row order as ``scorings``.

Graded: the exact plans on generated histories (scorings exactly at a change, before any change,
exactly ``max_staleness`` after the last one, long after it) and on a hand-made history; the
staleness limit, inclusive; that history added after every prediction time changes nothing while a
change just before a scoring is picked up; the Series's name.
"""

import pandas as pd

### BEGIN SOLUTION


def _latest_known(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each scoring's latest change strictly before its prediction time."""
    known = pairs[pairs["valid_from"] < pairs["prediction_time"]]
    return known.sort_values("valid_from").groupby("row").tail(1)


### END SOLUTION


def asof_plan(scorings: pd.DataFrame, history: pd.DataFrame, *, max_staleness: pd.Timedelta) -> pd.Series:
    """Return the plan known at each scoring's prediction time, or missing.

    Args:
        scorings: ``user_id`` and ``prediction_time``.
        history: ``user_id``, ``valid_from`` and ``plan``.
        max_staleness: the oldest a plan change may be and still be used.

    Returns:
        A Series named "plan", indexed like ``scorings``.

    Example:
        >>> times = pd.to_datetime(["2026-02-01", "2026-05-01"])
        >>> scorings = pd.DataFrame({"user_id": ["a", "a"], "prediction_time": times})
        >>> history = pd.DataFrame({"user_id": ["a"], "valid_from": pd.to_datetime(["2026-01-20"]), "plan": ["duo"]})
        >>> plans = asof_plan(scorings, history, max_staleness=pd.Timedelta(days=30))
        >>> plans.iloc[0], pd.isna(plans.iloc[1])
        ('duo', True)
    """
    ### BEGIN SOLUTION
    rows = scorings[["user_id", "prediction_time"]].reset_index(drop=True).rename_axis("row").reset_index()
    latest = _latest_known(rows.merge(history, on="user_id"))
    fresh = latest[latest["prediction_time"] - latest["valid_from"] <= max_staleness]
    plans = fresh.set_index("row")["plan"].reindex(rows["row"])
    return pd.Series(plans.to_numpy(), index=scorings.index, name="plan")
    ### END SOLUTION
