"""Puts a value equal to an edge in the bin below (searchsorted side="left"), against the contract."""

import numpy as np
import pandas as pd


def _bin_labels(values, edges):
    missing = values.isna()
    if edges is None:
        labels = values.astype(object)
    else:
        labels = pd.Series(np.searchsorted(edges, values.to_numpy(dtype=float), side="left"), index=values.index)
        labels = labels.astype(object)
    return labels.where(~missing, "missing")
