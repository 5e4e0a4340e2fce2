"""Accepts rates of exactly 0 or 1 (checks 0 <= rate <= 1), where the odds are undefined."""

import numpy as np


def correct_prior(scores, *, sample_rate, population_rate):
    for name, rate in (("sample_rate", sample_rate), ("population_rate", population_rate)):
        if not 0 <= rate <= 1:
            raise ValueError(f"{name} must be between 0 and 1, got {rate}")
    scores = np.asarray(scores, dtype=float)
    rates = np.array([population_rate, sample_rate], dtype=float)
    with np.errstate(all="ignore"):
        odds = rates / (1 - rates)
        factor = odds[0] / odds[1]
        return scores * factor / (scores * factor + (1 - scores))
