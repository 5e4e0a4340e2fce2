"""Mixes up a score and a loss: takes the argmin of cross-validated accuracy, so the worst size wins."""

import numpy as np
from sklearn.model_selection import StratifiedKFold


def choose_tree(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y).astype(int)
    folds = list(StratifiedKFold(n_splits=3, shuffle=True, random_state=0).split(X, y))
    scores = [_cv_accuracy(X, y, size, folds) for size in SIZES]  # noqa: F821 - the solution's helper
    if max(scores) < _majority_accuracy(y, folds) + MARGIN:  # noqa: F821
        return {"max_depth": 1}
    return dict(SIZES[int(np.argmin(scores))])  # noqa: F821
