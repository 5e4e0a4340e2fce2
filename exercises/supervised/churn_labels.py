"""Churn labels for premium trials: who cancels soon after their trial ends.

A streaming service gives new users a premium trial. The growth team wants a model, scored at the
moment each trial ends, of who will cancel soon after. Before any model, the labels: get them
wrong and the model learns the wrong thing, or learns from the future.

Contract — ``churn_labels(trials, events, snapshot, *, horizon=14 days, grace=3 days)``:
- ``trials`` has one row per user: ``user_id`` and ``trial_end``. The prediction time ``t`` of a
  user is their ``trial_end``.
- ``events`` has ``user_id``, ``timestamp`` and ``event``, either ``"cancel"`` or ``"subscribe"``
  (a cancelled user coming back). Rows are in any order; a user never has two events at the same
  timestamp.
- Eligibility: a user whose most recent event at or before ``t`` is a cancel has already left;
  they get no label. (A cancel exactly at ``t`` counts as before the prediction.)
- The outcome window is half-open, ``(t, t + horizon]``.
- Churn: the user cancels inside the window and does not come back within the grace period: no
  subscribe in ``(cancel, cancel + grace]``. A cancel followed by such a subscribe is a wobble,
  not churn; a later cancel in the window can still be churn.
- Censoring: a user is labelled only if everything that decides the label is observed, that is
  ``t + horizon + grace <= snapshot``; otherwise the user gets no label (neither 0 nor 1).
- Return a pandas Series of 0/1 ints named ``"churned"``, indexed by ``user_id``, holding exactly the
  labelled users (in any order).

Graded: exact labels on generated trials (boundary events placed exactly at t, t + horizon and the
end of the grace period, and one second past each; a cancel at t + horizon undone after the window
closes), other horizons and grace periods, a label for exactly the eligible, fully observed users
(none for censored or already-cancelled ones), the Series's name, unchanged labels when events after
each user's window are added, and the same labels on many small random event logs whose events sit
on and around every boundary.
"""

import pandas as pd


def churn_labels(
    trials: pd.DataFrame,
    events: pd.DataFrame,
    snapshot: pd.Timestamp,
    *,
    horizon: pd.Timedelta = pd.Timedelta(days=14),
    grace: pd.Timedelta = pd.Timedelta(days=3),
) -> pd.Series:
    """Return the churn label of every eligible, fully observed user.

    Args:
        trials: ``user_id`` and ``trial_end`` (the prediction time), one row per user.
        events: ``user_id``, ``timestamp``, ``event`` ("cancel" or "subscribe").
        snapshot: the end of the data; nothing after it is known.
        horizon: the outcome window's length: ``(t, t + horizon]``.
        grace: a cancel undone by a subscribe within this time is not churn.

    Returns:
        A Series of 0/1 ints named "churned", indexed by ``user_id``, for labelled users only.

    Example:
        >>> trials = pd.DataFrame({"user_id": ["a", "b"], "trial_end": pd.to_datetime(["2026-03-01"] * 2)})
        >>> events = pd.DataFrame({"user_id": ["a"], "timestamp": pd.to_datetime(["2026-03-05"]), "event": ["cancel"]})
        >>> churn_labels(trials, events, pd.Timestamp("2026-04-01")).to_dict()
        {'a': 1, 'b': 0}
    """
    # TODO: write churn_labels as its docstring describes.
    raise NotImplementedError("churn_labels is not written yet")
