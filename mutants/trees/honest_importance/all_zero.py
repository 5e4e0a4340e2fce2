"""Reports an importance of zero for every column: a constant answer."""

import pandas as pd


def importance_report(X_train, y_train, X_valid, y_valid, *, n_repeats=5, seed=0):
    return pd.Series(0.0, index=X_valid.columns)
