"""Reports plain accuracy at 0.5 as the balanced accuracy: the headline that hides the paradox."""

_reference_report = imbalance_report  # noqa: F821 - the solution's function


def imbalance_report(labels, scores, *, review_budget):
    report = _reference_report(labels, scores, review_budget=review_budget)
    report["balanced_accuracy"] = report["accuracy"]
    return report
