"""Mixes up a score and a loss: takes the argmin of cross-validated accuracy, so the worst size wins."""

import numpy as np
from sklearn.model_selection import StratifiedKFold


def choose_tree(X, y):
    folds = list(StratifiedKFold(n_splits=3, shuffle=True, random_state=0).split(X, y))
    scores = [_cv_accuracy(X, y, depth, folds) for depth in DEPTHS]  # noqa: F821 - the solution's helper
    return {"max_depth": DEPTHS[int(np.argmin(scores))], "min_samples_leaf": MIN_LEAF}  # noqa: F821
