"""Requires the cumulative share to exceed the target strictly, so a share reached exactly takes one component more."""

import numpy as np


def components_for_share(table, share=0.9):
    values = np.asarray(table, dtype=float)
    if not 0 < share <= 1 or values.ndim != 2 or len(values) < 2 or np.isnan(values).any():
        raise ValueError("bad input")
    if (values.max(axis=0) == values.min(axis=0)).any():
        raise ValueError("a constant column cannot be standardised")
    cumulative = np.cumsum(_explained_shares(values))  # noqa: F821 - the solution's helper
    above = np.flatnonzero(cumulative > share + 1e-9)
    return int(above[0]) + 1 if len(above) else values.shape[1]
