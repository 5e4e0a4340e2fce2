"""Checks the population rate but not the sample rate: sample_rate=0 slips through and returns garbage."""

import numpy as np


def correct_prior(scores, *, sample_rate, population_rate):
    if not 0 < population_rate < 1:
        raise ValueError(f"population_rate must be strictly between 0 and 1, got {population_rate}")
    scores = np.asarray(scores, dtype=float)
    sample_rate = np.float64(sample_rate)
    with np.errstate(all="ignore"):
        factor = (population_rate / (1 - population_rate)) / (sample_rate / (1 - sample_rate))
        return scores * factor / (scores * factor + (1 - scores))
