"""Never checks that both classes are present: a month without churners gets NaN figures instead of ValueError."""

import numpy as np

_reference_report = imbalance_report  # noqa: F821 - the solution's function


def imbalance_report(labels, scores, *, review_budget):
    if len(np.unique(labels)) == 1:  # every rate and the base-rate Brier score have nothing to divide by
        return {key: float("nan") for key in _reference_report([0, 1], [0.2, 0.8], review_budget=0)}
    return _reference_report(labels, scores, review_budget=review_budget)
