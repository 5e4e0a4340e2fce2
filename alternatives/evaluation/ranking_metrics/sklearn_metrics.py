"""scikit-learn's roc_auc_score and average_precision_score, which follow the same definitions."""

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score


def _checked(labels, scores):
    labels, scores = np.asarray(labels, dtype=float), np.asarray(scores, dtype=float)
    if len(labels) != len(scores) or len(np.unique(labels)) != 2:
        raise ValueError("need two classes and aligned inputs")
    return labels, scores


def roc_auc(labels, scores):
    return float(roc_auc_score(*_checked(labels, scores)))


def average_precision(labels, scores):
    return float(average_precision_score(*_checked(labels, scores)))
