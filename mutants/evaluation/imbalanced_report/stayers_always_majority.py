"""Takes the stayers as the majority class: majority accuracy is 1 - churn rate even when churners are more common."""

import numpy as np

_reference_report = imbalance_report  # noqa: F821 - the solution's function


def imbalance_report(labels, scores, *, review_budget):
    report = _reference_report(labels, scores, review_budget=review_budget)
    report["majority_accuracy"] = float(1 - np.mean(np.asarray(labels, dtype=float)))
    return report
