"""Degenerate: ROC-AUC is always 0.5 and average precision the prevalence, whatever the scores."""

_reference_checked = _checked  # noqa: F821 - the solution's helper


def roc_auc(labels, scores):
    _reference_checked(labels, scores)
    return 0.5


def average_precision(labels, scores):
    labels, _ = _reference_checked(labels, scores)
    return float(labels.mean())
