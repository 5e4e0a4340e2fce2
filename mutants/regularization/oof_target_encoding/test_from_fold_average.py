"""Encodes test rows with the average of the per-fold encodings instead of a fit on all training rows."""

import numpy as np

_reference = oof_target_encode  # noqa: F821 - the solution's function


def oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing=10.0):
    train_encoded, _ = _reference(train_categories, train_labels, test_categories, folds=folds, smoothing=smoothing)
    categories, labels, folds = np.asarray(train_categories), np.asarray(train_labels, dtype=float), np.asarray(folds)
    per_fold = []
    for fold in np.unique(folds):
        encoding, prior = _fit(categories[folds != fold], labels[folds != fold], smoothing)  # noqa: F821
        per_fold.append(_apply(encoding, prior, np.asarray(test_categories)))  # noqa: F821
    return train_encoded, np.mean(per_fold, axis=0)
