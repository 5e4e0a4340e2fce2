"""Degenerate: a fixed report of zeros whatever the labels and scores, with the input checks in place."""

_reference_report = imbalance_report  # noqa: F821 - the solution's function


def imbalance_report(labels, scores, *, review_budget):
    report = _reference_report(labels, scores, review_budget=review_budget)
    return dict.fromkeys(report, 0.0)
