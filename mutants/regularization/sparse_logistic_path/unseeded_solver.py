"""Leaves liblinear's random feature order unseeded, so the same data can give another answer."""

from sklearn.linear_model import LogisticRegression


def _l1_logistic(C, seed):
    return LogisticRegression(C=C, l1_ratio=1.0, solver="liblinear")
