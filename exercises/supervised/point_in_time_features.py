"""Point-in-time features: what was known about each user at the moment they were scored.

A churn model scores each user at a prediction time. Its features must be computed exactly as they
could have been at that moment: from activity strictly before the prediction time, never from
what happened later (which the model will not have in production). A user can be scored several
times; each scoring gets its own features.

Contract — ``point_in_time_features(labelled, activity, *, windows=(7, 28))``:
- ``labelled`` has ``user_id`` and ``prediction_time``; ``activity`` has ``user_id``, ``timestamp``
  and ``minutes`` (one row per listening session). Rows are in any order.
- For each window ``w`` in days, a session counts when ``t - w days <= timestamp < t``, where ``t``
  is that row's prediction time: the window includes its start and excludes ``t`` itself.
  Columns ``sessions_{w}d`` (int: sessions in the window) and ``minutes_{w}d`` (float: their total
  minutes).
- ``days_since_last``: (t - the latest session strictly before t) in days, as a float; NaN when
  the user has no session before t.
- Return a DataFrame with the same index as ``labelled``, in the same row order, with the columns
  ``sessions_{w}d`` and ``minutes_{w}d`` for each window in the given order, then
  ``days_since_last``. A user with no activity gets 0 sessions and 0.0 minutes.

Graded: exact values on generated activity with sessions exactly at t and at the window starts;
unchanged features when activity after the prediction times is added or removed; the index and row
order of ``labelled``; the columns' order and dtypes; other windows; users without activity.
"""

import pandas as pd


def point_in_time_features(labelled: pd.DataFrame, activity: pd.DataFrame, *, windows=(7, 28)) -> pd.DataFrame:
    """Return trailing-window activity features for each labelled row, as of its prediction time.

    Args:
        labelled: ``user_id`` and ``prediction_time``, one row per scoring.
        activity: ``user_id``, ``timestamp`` and ``minutes``, one row per session.
        windows: window lengths in days.

    Returns:
        A DataFrame indexed like ``labelled`` with ``sessions_{w}d``, ``minutes_{w}d`` per window and
        ``days_since_last``.

    Example:
        >>> labelled = pd.DataFrame({"user_id": ["a"], "prediction_time": pd.to_datetime(["2026-03-10"])})
        >>> activity = pd.DataFrame({"user_id": ["a", "a"], "timestamp": pd.to_datetime(["2026-03-03", "2026-03-10"]),
        ...                          "minutes": [30.0, 12.0]})
        >>> point_in_time_features(labelled, activity, windows=(7,)).iloc[0].tolist()
        [1.0, 30.0, 7.0]
    """
    # TODO: write point_in_time_features as its docstring describes.
    raise NotImplementedError("point_in_time_features is not written yet")
