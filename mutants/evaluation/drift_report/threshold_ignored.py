"""Flags against the usual 0.2 whatever threshold the caller passes."""

_reference_report = drift_report  # noqa: F821 - the solution's function


def drift_report(reference, current, *, n_bins=10, threshold=0.2):
    return _reference_report(reference, current, n_bins=n_bins, threshold=0.2)
