"""Degenerate: returns the test scores unchanged, and the calibration error is always 0."""

import numpy as np

_reference_error = calibration_error  # noqa: F821 - the solution's function


def calibration_error(labels, probabilities, *, n_bins=10):
    _reference_error(labels, probabilities, n_bins=n_bins)  # the input checks
    return 0.0


def calibrate_scores(scored, test_scores):
    return np.asarray(test_scores, dtype=float)
