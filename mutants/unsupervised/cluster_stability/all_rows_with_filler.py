"""Compares the partitions on all rows, rows left out of a subsample getting a filler label, not on shared rows only."""

import numpy as np
from sklearn.metrics import adjusted_rand_score


def _agreement(rows_a, labels_a, rows_b, labels_b):
    n = int(max(rows_a.max(), rows_b.max())) + 1
    full_a, full_b = np.full(n, -1), np.full(n, -1)
    full_a[rows_a], full_b[rows_b] = labels_a, labels_b
    return float(adjusted_rand_score(full_a, full_b))
