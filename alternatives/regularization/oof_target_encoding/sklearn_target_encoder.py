"""scikit-learn's TargetEncoder with the same folds (PredefinedSplit) and smoothing (smooth=).

PredefinedSplit reads a fold number of -1 as "never held out", so the fold numbers are first
renumbered 0 to k - 1.
"""

import numpy as np
from sklearn.model_selection import PredefinedSplit
from sklearn.preprocessing import TargetEncoder


def oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing=10.0):
    if smoothing < 0 or not len(train_categories) == len(train_labels) == len(folds):
        raise ValueError("smoothing must be >= 0 and the training inputs aligned")
    _, renumbered = np.unique(np.asarray(folds), return_inverse=True)
    encoder = TargetEncoder(smooth=float(smoothing), cv=PredefinedSplit(renumbered), target_type="binary")
    train_encoded = encoder.fit_transform(np.asarray(train_categories).reshape(-1, 1), np.asarray(train_labels))
    test_encoded = encoder.transform(np.asarray(test_categories).reshape(-1, 1))
    return train_encoded.ravel(), test_encoded.ravel()
