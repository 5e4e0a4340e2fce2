"""Degenerate: every test row gets the calibration rows' default rate, and the calibration error is always 0."""

import numpy as np

_reference_error = calibration_error  # noqa: F821 - the solution's function


def calibration_error(labels, probabilities, *, n_bins=10):
    _reference_error(labels, probabilities, n_bins=n_bins)  # the input checks
    return 0.0


def calibrate_scores(scored, test_scores):
    rate = scored.loc[scored["split"] == "calibration", "label"].mean()
    return np.full(len(test_scores), float(rate))
