"""Compares the two label arrays position by position, as if both subsamples held the same rows in the same order."""

from sklearn.metrics import adjusted_rand_score


def _agreement(rows_a, labels_a, rows_b, labels_b):
    return float(adjusted_rand_score(labels_a, labels_b))
