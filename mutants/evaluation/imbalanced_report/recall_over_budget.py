"""Divides the churners reached by the budget instead of by all churners (precision, not recall)."""

import numpy as np

_reference_recall = _recall_at_budget  # noqa: F821 - the solution's helper


def _recall_at_budget(labels, scores, budget):
    return _reference_recall(labels, scores, budget) * np.sum(labels) / budget if budget else 0.0
