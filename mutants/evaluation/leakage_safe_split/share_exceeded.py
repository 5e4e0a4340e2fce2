"""Requires validation to hold more than the requested share (> instead of >=), so an exact match is passed over."""

import numpy as np


def _validation_start(first_sessions, rows_per_user, fraction):
    rows_from = rows_per_user.groupby(first_sessions).sum().sort_index(ascending=False).cumsum()
    return rows_from.index[np.argmax(rows_from.to_numpy() > fraction * rows_per_user.sum())]
