"""Rounds the corrected probabilities to two decimals, which ties customers and changes the ranking."""

import numpy as np

_reference = correct_prior  # noqa: F821 - the solution's function


def correct_prior(scores, *, sample_rate, population_rate):
    return np.round(_reference(scores, sample_rate=sample_rate, population_rate=population_rate), 2)
