"""Assumes the folds are numbered 0 to k - 1: rows of any other fold number are never encoded out of fold."""

import numpy as np


def oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing=10.0):
    categories = np.asarray(train_categories)
    labels = np.asarray(train_labels, dtype=float)
    folds = np.asarray(folds)
    if smoothing < 0:
        raise ValueError(f"smoothing must be >= 0, got {smoothing}")
    if not len(categories) == len(labels) == len(folds):
        raise ValueError("train_categories, train_labels and folds must have the same length")
    encoding, prior = _fit(categories, labels, smoothing)  # noqa: F821 - the solution's helper
    train_encoded = _apply(encoding, prior, categories).copy()  # noqa: F821
    for fold in range(int(folds.max()) + 1):
        inside = folds == fold
        if inside.any():
            fold_encoding, fold_prior = _fit(categories[~inside], labels[~inside], smoothing)  # noqa: F821
            train_encoded[inside] = _apply(fold_encoding, fold_prior, categories[inside])  # noqa: F821
    return train_encoded, _apply(encoding, prior, np.asarray(test_categories))  # noqa: F821
