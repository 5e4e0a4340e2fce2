"""Never checks that labels are 0 or 1: a label of 2 is counted as a stayer instead of being refused."""

import numpy as np

_reference_report = imbalance_report  # noqa: F821 - the solution's function


def imbalance_report(labels, scores, *, review_budget):
    labels = np.asarray(labels, dtype=float)
    return _reference_report(np.where(labels == 1, 1.0, 0.0), scores, review_budget=review_budget)
