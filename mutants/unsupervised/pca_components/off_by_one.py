"""Returns the position of the first cumulative share reaching the target: one less than the number of components."""

import numpy as np


def components_for_share(table, share=0.9):
    values = np.asarray(table, dtype=float)
    if not 0 < share <= 1 or values.ndim != 2 or len(values) < 2 or np.isnan(values).any():
        raise ValueError("bad input")
    if (values.max(axis=0) == values.min(axis=0)).any():
        raise ValueError("a constant column cannot be standardised")
    cumulative = np.cumsum(_explained_shares(values))  # noqa: F821 - the solution's helper
    return int(np.searchsorted(cumulative, share - 1e-9))
