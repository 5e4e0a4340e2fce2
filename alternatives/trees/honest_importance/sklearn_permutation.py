"""scikit-learn's permutation_importance on the validation rows, scored by the model's accuracy."""

import pandas as pd
from sklearn.inspection import permutation_importance
from sklearn.tree import DecisionTreeClassifier


def importance_report(X_train, y_train, X_valid, y_valid, *, n_repeats=5, seed=0):
    model = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)
    result = permutation_importance(model, X_valid, y_valid, n_repeats=n_repeats, random_state=seed)
    return pd.Series(result.importances_mean, index=X_valid.columns)
