"""Fits and applies the encoding on the same training rows: each row's own label leaks into its feature."""

import numpy as np


def oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing=10.0):
    categories, labels = np.asarray(train_categories), np.asarray(train_labels, dtype=float)
    encoding, prior = _fit(categories, labels, smoothing)  # noqa: F821 - the solution's helper
    return _apply(encoding, prior, categories), _apply(encoding, prior, np.asarray(test_categories))  # noqa: F821
