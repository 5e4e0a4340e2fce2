"""Compares the AUC with the threshold in one direction only, so an inverted proxy (AUC near 0) slips through."""

from sklearn.metrics import roc_auc_score


def _separates_labels(values, labels, threshold):
    return roc_auc_score(labels, values) >= threshold
