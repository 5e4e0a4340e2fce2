"""Uses the Wald interval, rate +/- z * sqrt(rate * (1 - rate) / n), which collapses to a point when nobody converts."""

import numpy as np


def _wilson(rates, sizes, z):
    half = z * np.sqrt(rates * (1 - rates) / sizes)
    return rates - half, rates + half
