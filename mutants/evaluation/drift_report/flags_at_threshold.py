"""Flags a feature whose PSI equals the threshold (psi >= threshold), where the contract says strictly above."""

_reference_report = drift_report  # noqa: F821 - the solution's function


def drift_report(reference, current, *, n_bins=10, threshold=0.2):
    report = _reference_report(reference, current, n_bins=n_bins, threshold=threshold)
    report["shifted"] = report["psi"] >= threshold
    return report
