"""Cross-validates honestly, but only over trees of depth 1 to 3 ("a tree the committee can read")."""

import numpy as np
from sklearn.model_selection import StratifiedKFold


def choose_tree(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y).astype(int)
    sizes = [size for size in SIZES if size["max_depth"] <= 3]  # noqa: F821 - the solution's grid
    folds = list(StratifiedKFold(n_splits=3, shuffle=True, random_state=0).split(X, y))
    scores = [_cv_accuracy(X, y, size, folds) for size in sizes]  # noqa: F821 - the solution's helper
    if max(scores) < _majority_accuracy(y, folds) + MARGIN:  # noqa: F821
        return {"max_depth": 1}
    return dict(sizes[int(np.argmax(scores))])
