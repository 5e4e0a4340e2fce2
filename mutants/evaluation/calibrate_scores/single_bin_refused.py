"""Refuses n_bins=1 (checks n_bins < 2), though one bin is allowed: the gap between the two overall means."""

_reference_error = calibration_error  # noqa: F821 - the solution's function


def calibration_error(labels, probabilities, *, n_bins=10):
    if n_bins < 2:
        raise ValueError("need at least two bins")
    return _reference_error(labels, probabilities, n_bins=n_bins)
