"""Degenerate: code 0 for every training and test row."""

import numpy as np


def bucket_categories(train_categories, test_categories, *, min_count):
    return np.zeros(len(train_categories), dtype=int), np.zeros(len(test_categories), dtype=int)
