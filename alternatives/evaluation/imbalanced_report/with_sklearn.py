"""scikit-learn's metrics for accuracy, balanced accuracy, average precision and Brier score."""

import numpy as np
from sklearn.metrics import accuracy_score, average_precision_score, balanced_accuracy_score, brier_score_loss


def imbalance_report(labels, scores, *, review_budget):
    labels, scores = np.asarray(labels), np.asarray(scores, dtype=float)
    if len(labels) != len(scores) or set(np.unique(labels)) != {0, 1} or not 0 <= review_budget <= len(labels):
        raise ValueError("invalid input")
    predicted = (scores >= 0.5).astype(int)
    rate = labels.mean()
    ranked = np.sort(scores)[::-1]
    reached = 0.0
    if review_budget:
        boundary = ranked[review_budget - 1]
        above, tied = scores > boundary, scores == boundary
        reached = labels[above].sum() + labels[tied].sum() * (review_budget - above.sum()) / tied.sum()
    base_rate_brier = brier_score_loss(labels, np.full(len(labels), rate))
    return {
        "accuracy": accuracy_score(labels, predicted),
        "majority_accuracy": max(rate, 1 - rate),
        "balanced_accuracy": balanced_accuracy_score(labels, predicted),
        "average_precision": average_precision_score(labels, scores),
        "recall_at_budget": reached / labels.sum(),
        "brier_skill_score": 1 - brier_score_loss(labels, scores) / base_rate_brier,
    }
