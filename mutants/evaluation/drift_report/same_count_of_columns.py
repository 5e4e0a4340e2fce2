"""Compares only how many columns the tables have, so a renamed column fails with KeyError, not ValueError."""

import pandas as pd

_reference_psi = _psi  # noqa: F821 - the solution's helper


def drift_report(reference, current, *, n_bins=10, threshold=0.2):
    if len(reference.columns) != len(current.columns):
        raise ValueError("the tables have different numbers of columns")
    psi = {column: _reference_psi(reference[column], current[column], n_bins) for column in reference.columns}
    report = pd.DataFrame({"psi": pd.Series(psi, dtype=float)})
    report["shifted"] = report["psi"] > threshold
    return report
