"""Degenerate: a PSI of 0 and no flag for every feature, with the column check in place."""

import pandas as pd


def drift_report(reference, current, *, n_bins=10, threshold=0.2):
    if set(reference.columns) != set(current.columns):
        raise ValueError("the tables' columns differ")
    return pd.DataFrame({"psi": 0.0, "shifted": False}, index=list(reference.columns))
