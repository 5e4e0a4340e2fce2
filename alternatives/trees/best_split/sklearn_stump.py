"""scikit-learn's DecisionTreeClassifier(max_depth=1): its root split is the best Gini split."""

import numpy as np
from sklearn.tree import DecisionTreeClassifier


def best_split(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y) or len(np.unique(y)) != 2:
        raise ValueError("need a 2-d X, one label per row and both classes")
    if not (X.max(axis=0) > X.min(axis=0)).any():
        raise ValueError("every feature is constant")
    root = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y).tree_
    return int(root.feature[0]), float(root.threshold[0])
