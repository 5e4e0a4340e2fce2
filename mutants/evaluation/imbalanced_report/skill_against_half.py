"""Measures Brier skill against a constant 0.5 forecast instead of the base rate."""

import numpy as np

_reference_report = imbalance_report  # noqa: F821 - the solution's function


def imbalance_report(labels, scores, *, review_budget):
    report = _reference_report(labels, scores, review_budget=review_budget)
    labels, scores = np.asarray(labels, dtype=float), np.asarray(scores, dtype=float)
    report["brier_skill_score"] = 1 - _brier(labels, scores) / _brier(labels, 0.5)  # noqa: F821
    return report
