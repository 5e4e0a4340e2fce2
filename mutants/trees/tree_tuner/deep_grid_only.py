"""Cross-validates honestly, but only over deep trees with tiny leaves, so every candidate overfits."""

import numpy as np
from sklearn.model_selection import cross_val_score
from sklearn.tree import DecisionTreeClassifier


def choose_tree(X, y):
    depths = (15, None)
    scores = [
        cross_val_score(DecisionTreeClassifier(max_depth=depth, random_state=0), X, y, cv=3).mean() for depth in depths
    ]
    return {"max_depth": depths[int(np.argmax(scores))], "min_samples_leaf": 1}
