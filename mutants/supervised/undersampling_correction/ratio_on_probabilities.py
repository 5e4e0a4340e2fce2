"""Multiplies the probabilities, not the odds, by the ratio of the two base rates."""

import numpy as np


def correct_prior(scores, *, sample_rate, population_rate):
    return np.asarray(scores, dtype=float) * population_rate / sample_rate
