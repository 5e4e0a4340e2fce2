"""Degenerate: encodes every row, training and test, as 0."""

import numpy as np


def oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing=10.0):
    return np.zeros(len(train_categories)), np.zeros(len(test_categories))
