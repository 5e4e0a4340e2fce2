"""Swaps the two buckets: rare categories get k + 1 and unseen ones k."""

import numpy as np


def _encode(categories, codes, seen):
    rare, unseen = len(codes) + 1, len(codes)
    return np.array([codes.get(c, rare if c in seen else unseen) for c in categories], dtype=int)
