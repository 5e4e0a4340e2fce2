"""Cost-complexity pruning: cross-validates the alphas of the full tree's pruning path, largest alpha on ties."""

import numpy as np
from sklearn.model_selection import KFold
from sklearn.tree import DecisionTreeClassifier


def _held_out_accuracy(X, y, alpha, folds):
    tree = DecisionTreeClassifier(random_state=0, ccp_alpha=alpha)
    return np.mean([np.mean(tree.fit(X[train], y[train]).predict(X[test]) == y[test]) for train, test in folds])


def choose_tree(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y).astype(int)
    path = DecisionTreeClassifier(random_state=0).cost_complexity_pruning_path(X, y)
    # geometric midpoints between consecutive alphas of the path, from the largest (a single leaf) down
    alphas = np.sqrt(np.clip(path.ccp_alphas[1:] * path.ccp_alphas[:-1], 0, None))[::-1]
    alphas = alphas[: len(alphas) // 2 : max(1, len(alphas) // 30)]  # the smaller trees of the path
    folds = list(KFold(n_splits=3, shuffle=True, random_state=1).split(X))
    scores = [_held_out_accuracy(X, y, alpha, folds) for alpha in alphas]
    majority = np.mean([np.mean(y[test] == np.bincount(y[train], minlength=2).argmax()) for train, test in folds])
    best = int(np.argmax(scores))  # the first of the best is the largest alpha: the smallest tree
    if scores[best] < majority + 0.05:
        return {"max_depth": 1}
    return {"ccp_alpha": float(alphas[best])}
