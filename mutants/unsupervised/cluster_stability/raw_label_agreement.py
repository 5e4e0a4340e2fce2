"""Compares raw cluster numbers (the share of shared rows with the same label), which k-means assigns arbitrarily."""

import numpy as np


def _agreement(rows_a, labels_a, rows_b, labels_b):
    _, in_a, in_b = np.intersect1d(rows_a, rows_b, assume_unique=True, return_indices=True)
    return float(np.mean(labels_a[in_a] == labels_b[in_b]))
