"""Degenerate: encodes every row, training and test, as the training click rate."""

import numpy as np


def oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing=10.0):
    prior = float(np.mean(train_labels))
    return np.full(len(train_categories), prior), np.full(len(test_categories), prior)
