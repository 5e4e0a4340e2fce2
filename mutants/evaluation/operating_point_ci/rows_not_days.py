"""Resamples transactions instead of days, as if rows from the same day were independent."""

import numpy as np


def _resampled_totals(counts, n_resamples, rng):
    # a row-level bootstrap, drawn cell by cell: alerted frauds, false alarms, missed frauds, the rest
    hits, alerts, frauds = counts.sum(axis=0)
    cells = np.array([hits, alerts - hits, frauds - hits, _ROWS[0] - alerts - frauds + hits])
    draws = rng.multinomial(int(cells.sum()), cells / cells.sum(), size=n_resamples)
    return np.column_stack([draws[:, 0], draws[:, 0] + draws[:, 1], draws[:, 0] + draws[:, 2]])


_ROWS = [0]
_reference_counts = _daily_counts  # noqa: F821 - the solution's helper


def _daily_counts(scores, labels, days, threshold):
    _ROWS[0] = len(scores)
    return _reference_counts(scores, labels, days, threshold)
