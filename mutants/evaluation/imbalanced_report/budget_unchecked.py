"""Never checks the review budget: a negative budget or one larger than the customer base slips through."""

import numpy as np

_reference_report = imbalance_report  # noqa: F821 - the solution's function


def imbalance_report(labels, scores, *, review_budget):
    clipped = int(np.clip(review_budget, 0, len(labels)))
    return _reference_report(labels, scores, review_budget=clipped)
