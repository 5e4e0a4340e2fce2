"""Debug exercise: a feature-importance report that says a random customer ID drives churn.

A subscription service explains its churn model (a fully grown decision tree) with a feature
importance report, and the report puts ``customer_id`` — a random number, distinct for every
customer — among the most important features. The product team is about to brief the board on it.
A colleague wrote the report as permutation importance; the code runs and its numbers look
plausible, but they are wrong. Find and fix the bugs.

Contract — ``importance_report(X_train, y_train, X_valid, y_valid, *, n_repeats, seed)``:
- The training pipeline hands over both splits, as DataFrames of the same columns with 0/1
  labels. The model to explain is the one ``fit_churn_model(X_train, y_train)`` (given below)
  returns; use only its ``predict`` or ``score`` (accuracy).
- The importance of a column is the drop in accuracy on the **validation** rows when that column's
  values are shuffled across the rows (every other column left as it was): the accuracy on the
  intact validation rows minus the accuracy after the shuffle, averaged over ``n_repeats``
  independent shuffles. Positive means the model needs the column; about zero means it does not.
  The training rows say how well the model memorised them, not what generalises.
- Each column is shuffled on its own, starting from the intact validation rows every time; the
  caller's DataFrames must not be modified.
- Shuffles are random: draw them from ``np.random.default_rng(seed)`` (or any generator seeded
  from ``seed``); graders allow for the noise of ``n_repeats`` shuffles.
- Return a pandas Series of floats indexed by column name, one entry per column of ``X_valid``.

Graded (with a fully grown tree refitted by the grader, 1,000 validation rows): the three real
drivers of churn hold the three highest importances; the customer ID scores about zero while the
drivers do not; every importance agrees with the grader's own measurement of the accuracy drop on
validation rows; on validation rows where few customers churned, the importances are absolute
drops in accuracy (not divided by the intact accuracy, not drops in ROC-AUC); the same seed gives
the same report, and the caller's DataFrames and labels are left as they were.
"""

import numpy as np
import pandas as pd
from sklearn.tree import DecisionTreeClassifier


def fit_churn_model(X_train: pd.DataFrame, y_train) -> DecisionTreeClassifier:
    """The churn model the report explains: a fully grown decision tree (given; do not change it)."""
    return DecisionTreeClassifier(random_state=0).fit(X_train, y_train)


def importance_report(
    X_train: pd.DataFrame, y_train, X_valid: pd.DataFrame, y_valid, *, n_repeats: int = 5, seed: int = 0
) -> pd.Series:
    """Return each column's permutation importance on the validation rows.

    Args:
        X_train: the training rows (the model's; not to be used for importance).
        y_train: their 0/1 labels.
        X_valid: the validation rows, same columns as ``X_train``.
        y_valid: their 0/1 labels.
        n_repeats: how many shuffles to average per column (an int >= 1).
        seed: the seed of the shuffles.

    Returns:
        A float Series indexed by the columns of ``X_valid``: the mean drop in validation accuracy.

    Example:
        >>> importance_report(X_train, y_train, X_valid, y_valid, n_repeats=5, seed=0)  # doctest: +SKIP
        tenure_months      0.118
        monthly_spend      0.074
        ...
    """
    model = fit_churn_model(X_train, y_train)
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
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
    ### END SOLUTION
    ### BEGIN STUB
    # rng = np.random.default_rng(seed)
    # baseline = model.score(X_train, y_train)
    # importances = {}
    # shuffled = X_train
    # for column in X_train.columns:
    #     drops = []
    #     for _ in range(n_repeats):
    #         shuffled[column] = rng.permutation(shuffled[column].to_numpy())
    #         drops.append(baseline - model.score(shuffled, y_train))
    #     importances[column] = float(np.mean(drops))
    # return pd.Series(importances)
    ### END STUB
