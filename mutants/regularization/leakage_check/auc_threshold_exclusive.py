"""Flags a proxy only when its AUC is strictly beyond the threshold: an AUC exactly at it passes as honest."""

from sklearn.metrics import roc_auc_score


def _separates_labels(values, labels, threshold):
    auc = roc_auc_score(labels, values)
    return max(auc, 1 - auc) > threshold
