"""Reports the tree's impurity importances (feature_importances_), which reward splits on memorised noise."""

import pandas as pd


def importance_report(X_train, y_train, X_valid, y_valid, *, n_repeats=5, seed=0):
    model = fit_churn_model(X_train, y_train)  # noqa: F821 - the solution's given helper
    return pd.Series(model.feature_importances_, index=X_valid.columns)
