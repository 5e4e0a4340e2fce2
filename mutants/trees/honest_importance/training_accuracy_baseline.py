"""Takes the intact accuracy on the training rows (1.0 for a full tree) as the baseline of validation drops."""

import numpy as np
import pandas as pd


def importance_report(X_train, y_train, X_valid, y_valid, *, n_repeats=5, seed=0):
    model = fit_churn_model(X_train, y_train)  # noqa: F821 - the solution's given helper
    rng = np.random.default_rng(seed)
    y_valid = np.asarray(y_valid)
    baseline = model.score(X_train, y_train)
    importances = {}
    for column in X_valid.columns:
        drops = []
        for _ in range(n_repeats):
            shuffled = X_valid.copy()
            shuffled[column] = rng.permutation(shuffled[column].to_numpy())
            drops.append(baseline - np.mean(model.predict(shuffled) == y_valid))
        importances[column] = float(np.mean(drops))
    return pd.Series(importances)
