"""Refuses a budget equal to the number of customers (0 <= budget < n), though calling everyone is allowed."""

_reference_report = imbalance_report  # noqa: F821 - the solution's function


def imbalance_report(labels, scores, *, review_budget):
    if review_budget >= len(labels):
        raise ValueError("review_budget must be below the number of customers")
    return _reference_report(labels, scores, review_budget=review_budget)
