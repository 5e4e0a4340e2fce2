"""Fits with the default L2 penalty, which shrinks coefficients but never sets one to zero."""

from sklearn.linear_model import LogisticRegression


def _l1_logistic(C, seed):
    return LogisticRegression(C=C, solver="liblinear", random_state=seed)
