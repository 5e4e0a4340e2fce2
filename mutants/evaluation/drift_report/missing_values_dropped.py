"""Drops missing values before binning, so a jump in the missing rate goes unnoticed."""

import pandas as pd

_reference_bin_labels = _bin_labels  # noqa: F821 - the solution's helper


def _bin_labels(values, edges):
    labels = _reference_bin_labels(values.dropna(), edges)
    return labels.reindex(values.index).where(values.notna(), pd.NA).dropna()
