"""Shuffles the caller's X_valid in place and restores each column, but as floats: the caller's frame changes."""

import numpy as np
import pandas as pd


def importance_report(X_train, y_train, X_valid, y_valid, *, n_repeats=5, seed=0):
    model = fit_churn_model(X_train, y_train)  # noqa: F821 - the solution's given helper
    rng = np.random.default_rng(seed)
    y_valid = np.asarray(y_valid)
    baseline = np.mean(model.predict(X_valid) == y_valid)
    importances = {}
    for column in X_valid.columns:
        intact = X_valid[column].to_numpy(dtype=float)
        drops = []
        for _ in range(n_repeats):
            X_valid[column] = rng.permutation(intact)
            drops.append(baseline - np.mean(model.predict(X_valid) == y_valid))
        X_valid[column] = intact
        importances[column] = float(np.mean(drops))
    return pd.Series(importances)
