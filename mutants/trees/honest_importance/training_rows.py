"""Permutes and scores on the training rows, where the tree has memorised the ID of every customer."""

import numpy as np
import pandas as pd


def importance_report(X_train, y_train, X_valid, y_valid, *, n_repeats=5, seed=0):
    model = fit_churn_model(X_train, y_train)  # noqa: F821 - the solution's given helper
    rng = np.random.default_rng(seed)
    y_train = np.asarray(y_train)
    baseline = np.mean(model.predict(X_train) == y_train)
    importances = {}
    for column in X_train.columns:
        drops = []
        for _ in range(n_repeats):
            shuffled = X_train.copy()
            shuffled[column] = rng.permutation(shuffled[column].to_numpy())
            drops.append(baseline - np.mean(model.predict(shuffled) == y_train))
        importances[column] = float(np.mean(drops))
    return pd.Series(importances)
