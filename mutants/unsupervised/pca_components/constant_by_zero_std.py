"""Detects a constant column by a standard deviation of exactly 0, which rounding misses (seven copies of 0.1)."""

import numpy as np


def components_for_share(table, share=0.9):
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    values = np.asarray(table, dtype=float)
    if values.ndim != 2 or len(values) < 2:
        raise ValueError(f"table must be 2-d with at least 2 rows, got shape {values.shape}")
    if np.isnan(values).any():
        raise ValueError("table contains NaN")
    if (values.std(axis=0) == 0).any():
        raise ValueError("a constant column cannot be standardised")
    cumulative = np.cumsum(_explained_shares(values))  # noqa: F821 - the solution's helper
    return int(np.flatnonzero(cumulative >= share - 1e-9)[0]) + 1
