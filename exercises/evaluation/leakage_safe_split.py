"""A validation split that leaks neither time nor users.

A music streaming service predicts, from a user's listening sessions, whether they will keep their
subscription. A random split of the session table would put a user's Tuesday in training and their
Wednesday in validation, and let the model learn from sessions that happened after the ones it is
judged on. Split the table so that validation looks like deployment: new users, seen only after
everything the model trained on, with an embargo gap in between (labels of training sessions are
only known some time later).

Contract — ``time_group_split(events, *, validation_fraction=0.2, gap=pd.Timedelta(days=7))``:
- ``events`` has at least the columns ``user_id`` and ``timestamp`` (datetime64); its rows may be
  in any order and its index is arbitrary.
- Validation users are the users whose *first* session is at or after a start time ``start``;
  all their sessions are validation rows.
- ``start`` is the latest first-session time (of some user) for which the validation rows make up
  at least ``validation_fraction`` of all rows.
- Training rows are the sessions of all other users that happen strictly before ``start - gap``.
  Their sessions at or after ``start - gap`` are dropped (embargoed): in neither set.
- So every validation session is at least ``gap`` after every training session, and no user is on
  both sides.
- Return ``(train_rows, validation_rows)``: two sorted numpy int arrays of row *positions* (0 to
  len(events) - 1, as for ``events.iloc``). Do not modify ``events``.
- Raise ValueError when ``validation_fraction`` is not in (0, 1), ``gap`` is negative, or a
  required column is missing.

Graded: time order with the gap, no shared users, the validation share, the exact rows for the
contract above (on generated sessions with tied timestamps and on small hand-made tables, among them
a share met exactly and a session exactly at ``start - gap``), the same rows whatever the row
order, the caller's ``events`` left as they were, and ValueError where the docstring asks for it.
"""

import numpy as np
import pandas as pd


def time_group_split(events: pd.DataFrame, *, validation_fraction: float = 0.2, gap=pd.Timedelta(days=7)):
    """Return ``(train_rows, validation_rows)``: positions for a time- and user-safe split.

    Args:
        events: one row per session, with columns ``user_id`` and ``timestamp``.
        validation_fraction: the least share of rows that validation must hold, in (0, 1).
        gap: the embargo between the last training session and the first validation session
            (a ``pd.Timedelta`` >= 0).

    Returns:
        Two sorted numpy int arrays of row positions.

    Raises:
        ValueError: for a fraction outside (0, 1), a negative gap or a missing column.

    Example:
        >>> events = pd.DataFrame({
        ...     "user_id": ["a", "a", "b", "c"],
        ...     "timestamp": pd.to_datetime(["2026-01-01", "2026-01-20", "2026-01-10", "2026-01-25"]),
        ... })
        >>> time_group_split(events, validation_fraction=0.25, gap=pd.Timedelta(days=7))
        (array([0, 2]), array([3]))
    """
    # TODO: write time_group_split as its docstring describes.
    raise NotImplementedError("time_group_split is not written yet")
