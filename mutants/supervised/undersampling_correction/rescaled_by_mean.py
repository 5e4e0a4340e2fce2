"""Rescales the scores so that their mean equals the population rate, instead of correcting the odds."""

import numpy as np


def correct_prior(scores, *, sample_rate, population_rate):
    scores = np.asarray(scores, dtype=float)
    return np.clip(scores * population_rate / scores.mean(), 0, 1)
