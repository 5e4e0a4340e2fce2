"""Checks only that every reference column is in the current table: an extra current column slips through."""

_reference_report = drift_report  # noqa: F821 - the solution's function


def drift_report(reference, current, *, n_bins=10, threshold=0.2):
    if not set(reference.columns) <= set(current.columns):
        raise ValueError("the current table lacks some of the reference's columns")
    return _reference_report(reference, current[list(reference.columns)], n_bins=n_bins, threshold=threshold)
