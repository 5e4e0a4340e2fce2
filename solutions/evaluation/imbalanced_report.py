"""The accuracy paradox: a report that shows what a "97% accurate" churn model is worth.

About 3% of a subscription service's customers churn each month. A new churn model is announced
as "97% accurate" — about what you get by predicting that nobody churns. Write the report that
tells the truth: how the model compares with the trivial majority-class guess, how it does on each
class, how well it ranks, how many churners a retention team reaches with its weekly budget of
calls, and whether its probabilities beat simply forecasting the base rate.

Contract — ``imbalance_report(labels, scores, *, review_budget)`` returns a dict with exactly:
- ``"accuracy"``: share of customers classified correctly when "churn" means ``score >= 0.5``;
- ``"majority_accuracy"``: the accuracy of always predicting the more common class;
- ``"balanced_accuracy"``: the mean of the recall on churners and the recall on stayers, again
  with ``score >= 0.5``;
- ``"average_precision"``: non-interpolated average precision of the scores, as scikit-learn's
  ``average_precision_score`` defines it (tied scores form one threshold);
- ``"recall_at_budget"``: the share of all churners among the ``review_budget`` customers with the
  highest scores. When customers tie at the budget's boundary, the remaining places go to the tied
  group at random; report the expected value: count the churners strictly above the tied score,
  plus the tied group's churners times (places left / size of the tied group);
- ``"brier_skill_score"``: ``1 - Brier(scores) / Brier(base rate)``, where Brier is the mean
  squared difference between a forecast and the 0/1 label, and the base-rate forecast gives every
  customer the observed churn rate of these labels. Positive means better than the base rate.

All values are Python floats. Raise ValueError when the lengths differ, a label is not 0 or 1,
only one class is present, or ``review_budget`` is not between 0 and the number of customers.

Graded: each figure exactly (to 1e-9) on a generated month of churn, and on hand-made cases with
ties at the budget's boundary, churners in the majority, a score exactly at 0.5, a perfect model
and the base-rate forecast itself; the same report whatever the order of the rows; ValueError
where the docstring asks for it.
"""

import numpy as np

### BEGIN SOLUTION


def _average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    ranked, hits = scores[order], labels[order]
    last_of_each_score = np.r_[ranked[1:] != ranked[:-1], True]
    true_positives = np.cumsum(hits)[last_of_each_score]
    flagged = np.flatnonzero(last_of_each_score) + 1
    new_positives = np.diff(np.r_[0, true_positives])
    return float(np.sum(true_positives / flagged * new_positives) / labels.sum())


def _recall_at_budget(labels: np.ndarray, scores: np.ndarray, budget: int) -> float:
    if budget == 0:
        return 0.0
    boundary = np.sort(scores)[::-1][budget - 1]
    above = scores > boundary
    tied = scores == boundary
    share_of_tied = (budget - above.sum()) / tied.sum()
    return float((labels[above].sum() + share_of_tied * labels[tied].sum()) / labels.sum())


def _brier(labels: np.ndarray, forecast) -> float:
    return float(np.mean((forecast - labels) ** 2))


### END SOLUTION


def imbalance_report(labels, scores, *, review_budget: int) -> dict:
    """Return the figures that expose (or confirm) an imbalanced classifier's worth.

    Args:
        labels: 1 if the customer churned, else 0, one per customer.
        scores: the model's churn probability for each customer, aligned with ``labels``.
        review_budget: how many customers the retention team can call (an int, 0..len(labels)).

    Returns:
        A dict of floats with the keys ``accuracy``, ``majority_accuracy``, ``balanced_accuracy``,
        ``average_precision``, ``recall_at_budget`` and ``brier_skill_score``.

    Raises:
        ValueError: on misaligned inputs, labels other than 0/1, a single class, or a budget
            outside 0..len(labels).

    Example:
        >>> report = imbalance_report([0, 0, 0, 1], [0.1, 0.2, 0.6, 0.7], review_budget=1)
        >>> report["accuracy"], report["majority_accuracy"], report["recall_at_budget"]
        (0.75, 0.75, 1.0)
    """
    ### BEGIN SOLUTION
    labels = np.asarray(labels, dtype=float)
    scores = np.asarray(scores, dtype=float)
    if labels.shape != scores.shape:
        raise ValueError(f"labels has {len(labels)} rows but scores has {len(scores)}")
    if not np.isin(labels, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    if labels.min() == labels.max():
        raise ValueError("only one class is present")
    if not 0 <= review_budget <= len(labels):
        raise ValueError(f"review_budget must be between 0 and {len(labels)}, got {review_budget}")
    predicted = scores >= 0.5
    churned = labels == 1
    base_rate = labels.mean()
    return {
        "accuracy": float(np.mean(predicted == churned)),
        "majority_accuracy": float(max(base_rate, 1 - base_rate)),
        "balanced_accuracy": float((predicted[churned].mean() + (~predicted[~churned]).mean()) / 2),
        "average_precision": _average_precision(labels, scores),
        "recall_at_budget": _recall_at_budget(labels, scores, review_budget),
        "brier_skill_score": 1 - _brier(labels, scores) / _brier(labels, base_rate),
    }
    ### END SOLUTION
