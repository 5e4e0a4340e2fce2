"""Checks that labels match the categories in length, but not the folds."""

import numpy as np


def oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing=10.0):
    categories = np.asarray(train_categories)
    labels = np.asarray(train_labels, dtype=float)
    folds = np.asarray(folds)
    if smoothing < 0:
        raise ValueError(f"smoothing must be >= 0, got {smoothing}")
    if len(categories) != len(labels):
        raise ValueError("train_categories and train_labels must have the same length")
    train_encoded = np.empty(len(categories))
    for fold in np.unique(folds):
        inside = np.isin(np.arange(len(categories)), np.flatnonzero(folds == fold))
        encoding, prior = _fit(categories[~inside], labels[~inside], smoothing)  # noqa: F821 - the solution's helper
        train_encoded[inside] = _apply(encoding, prior, categories[inside])  # noqa: F821
    encoding, prior = _fit(categories, labels, smoothing)  # noqa: F821
    return train_encoded, _apply(encoding, prior, np.asarray(test_categories))  # noqa: F821
