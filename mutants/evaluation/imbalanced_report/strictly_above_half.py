"""Predicts churn when score > 0.5, so a customer scored exactly 0.5 counts as a stayer."""

import numpy as np

_reference_report = imbalance_report  # noqa: F821 - the solution's function


def imbalance_report(labels, scores, *, review_budget):
    report = _reference_report(labels, scores, review_budget=review_budget)
    labels, scores = np.asarray(labels, dtype=float), np.asarray(scores, dtype=float)
    predicted, churned = scores > 0.5, labels == 1
    report["accuracy"] = float(np.mean(predicted == churned))
    report["balanced_accuracy"] = float((predicted[churned].mean() + (~predicted[~churned]).mean()) / 2)
    return report
