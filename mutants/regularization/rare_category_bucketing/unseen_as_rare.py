"""Puts categories never seen in training into the rare bucket instead of a bucket of their own."""

import numpy as np


def _encode(categories, codes, seen):
    return np.array([codes.get(c, len(codes)) for c in categories], dtype=int)
