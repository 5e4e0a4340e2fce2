"""Reads the budget as a strict limit (n_estimators * max_depth < budget): one tree short wherever it divides."""

from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def choose_forest(X, y, *, budget):
    fit_X, held_X, fit_y, held_y = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    best_score, best = -1.0, None
    for depth in (2, 4, 6, 8):
        trees = (budget - 1) // depth
        if trees < 1:
            continue
        shape = {"n_estimators": trees, "max_depth": depth}
        forest = RandomForestClassifier(max_features=None, random_state=0, **shape).fit(fit_X, fit_y)
        score = roc_auc_score(held_y, forest.predict_proba(held_X)[:, 1])
        if score > best_score:
            best_score, best = score, shape
    return best or {"n_estimators": 1, "max_depth": 1}
