"""Draws the shuffles from an unseeded generator, so the same call gives a different report each time."""

import numpy as np
import pandas as pd


def importance_report(X_train, y_train, X_valid, y_valid, *, n_repeats=5, seed=0):
    model = fit_churn_model(X_train, y_train)  # noqa: F821 - the solution's given helper
    rng = np.random.default_rng()
    y_valid = np.asarray(y_valid)
    baseline = np.mean(model.predict(X_valid) == y_valid)
    importances = {}
    for column in X_valid.columns:
        drops = []
        for _ in range(n_repeats):
            shuffled = X_valid.copy()
            shuffled[column] = rng.permutation(shuffled[column].to_numpy())
            drops.append(baseline - np.mean(model.predict(shuffled) == y_valid))
        importances[column] = float(np.mean(drops))
    return pd.Series(importances)
