"""Degenerate: returns the scores unchanged and a calibration gap of 0, without any check."""

import numpy as np


def correct_prior(scores, *, sample_rate, population_rate):
    return np.asarray(scores, dtype=float)


def calibration_in_the_large(labels, probabilities):
    return 0.0
