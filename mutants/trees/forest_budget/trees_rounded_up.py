"""Rounds the number of trees up (ceil(budget / depth)), so the forest overshoots when the depth does not divide it."""

import math

from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def choose_forest(X, y, *, budget):
    fit_X, held_X, fit_y, held_y = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    best_score, best = -1.0, None
    for depth in [d for d in (2, 4, 6, 8) if d <= budget] or [budget]:
        shape = {"n_estimators": math.ceil(budget / depth), "max_depth": depth}
        forest = RandomForestClassifier(max_features=None, random_state=0, **shape).fit(fit_X, fit_y)
        score = roc_auc_score(held_y, forest.predict_proba(held_X)[:, 1])
        if score > best_score:
            best_score, best = score, shape
    return best
