"""Compares the shapes by their ROC-AUC on the rows they were fitted on, not on held-out rows."""

from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score


def choose_forest(X, y, *, budget):
    best_score, best = -1.0, None
    for depth in range(1, min(budget, 16) + 1):
        shape = {"n_estimators": budget // depth, "max_depth": depth}
        forest = RandomForestClassifier(max_features=None, random_state=0, **shape).fit(X, y)
        score = roc_auc_score(y, forest.predict_proba(X)[:, 1])
        if score > best_score:
            best_score, best = score, shape
    return best
