"""Cross-validates honestly, but the grid starts at depth 3 with no majority-class check: 8 leaves on pure noise."""

import numpy as np
from sklearn.model_selection import StratifiedKFold


def choose_tree(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y).astype(int)
    sizes = [size for size in SIZES if size["max_depth"] >= 3]  # noqa: F821 - the solution's grid
    folds = list(StratifiedKFold(n_splits=3, shuffle=True, random_state=0).split(X, y))
    scores = [_cv_accuracy(X, y, size, folds) for size in sizes]  # noqa: F821 - the solution's helper
    return dict(sizes[int(np.argmax(scores))])
