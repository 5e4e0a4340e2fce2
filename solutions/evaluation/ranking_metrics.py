"""Ranking metrics from scratch: ROC-AUC and average precision.

A fraud model's dashboards show ROC-AUC; the team suspects it flatters a model whose top alerts are
mostly false. Write both metrics yourself, with numpy, so that they agree with the textbook
definitions (and with scikit-learn's ``roc_auc_score`` and ``average_precision_score``) to 1e-9 —
including when many rows share a score — and so that they stay fast on millions of rows.

Contract:
- ``labels`` are 0/1 (ints, floats or bools), ``scores`` are floats, aligned row by row; higher
  scores mean "more likely positive". Rows may come in any order and scores may tie.
- ROC-AUC is the probability that a randomly chosen positive scores higher than a randomly chosen
  negative, a tie counting one half.
- Average precision is the non-interpolated sum over distinct score thresholds t, from the highest
  down: (recall at t - recall at the previous threshold) * (precision at t), where "at t" means
  among rows with score >= t. Rows with equal scores enter together: a tie is one threshold,
  never split by row order. No trapezoids, no interpolation.
- Both raise ValueError when the lengths differ, the input is empty, or only one class is present
  (neither metric is defined then).
- Both must run in O(n log n): sort once, then count with cumulative sums. Comparing every positive
  with every negative is too slow for the sizes the graders use.

Graded: agreement with the definitions on data full of ties and on hand-made cases; a fraud-like
ranking where ROC-AUC looks excellent while average precision is poor; invariance to row order and to
any strictly increasing transform of the scores; ValueError where undefined; running time against a
sort-based solution on the same input.
"""

import numpy as np

### BEGIN SOLUTION


def _checked(labels, scores) -> tuple[np.ndarray, np.ndarray]:
    labels = np.asarray(labels, dtype=float)
    scores = np.asarray(scores, dtype=float)
    if labels.shape != scores.shape or labels.ndim != 1:
        raise ValueError(f"labels and scores must be 1-d of equal length, got {labels.shape} and {scores.shape}")
    if len(labels) == 0:
        raise ValueError("labels and scores are empty")
    if not np.isin(labels, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    if labels.min() == labels.max():
        raise ValueError("only one class is present: the metric is not defined")
    return labels, scores


def _counts_by_threshold(labels, scores) -> tuple[np.ndarray, np.ndarray]:
    """Positives and negatives at each distinct score, from the highest score down."""
    labels, scores = _checked(labels, scores)
    order = np.argsort(-scores, kind="stable")
    ranked_scores, ranked_labels = scores[order], labels[order]
    starts = np.flatnonzero(np.r_[True, ranked_scores[1:] != ranked_scores[:-1]])
    positives = np.add.reduceat(ranked_labels, starts)
    negatives = np.diff(np.r_[starts, len(ranked_scores)]) - positives
    return positives, negatives


### END SOLUTION


def roc_auc(labels, scores) -> float:
    """Return the ROC-AUC of ``scores`` for ``labels``, ties counting one half.

    Args:
        labels: 0/1 per row.
        scores: a float per row, aligned with ``labels``.

    Returns:
        A float in [0, 1].

    Raises:
        ValueError: if the lengths differ, the input is empty, or only one class is present.

    Example:
        >>> roc_auc([0, 0, 1, 1], [0.1, 0.5, 0.5, 0.9])
        0.875
    """
    ### BEGIN SOLUTION
    positives, negatives = _counts_by_threshold(labels, scores)
    positives_above = np.cumsum(positives) - positives  # strictly higher scores
    wins = np.sum(negatives * (positives_above + 0.5 * positives))
    return float(wins / (positives.sum() * negatives.sum()))
    ### END SOLUTION


def average_precision(labels, scores) -> float:
    """Return the non-interpolated average precision of ``scores`` for ``labels``.

    Args:
        labels: 0/1 per row.
        scores: a float per row, aligned with ``labels``.

    Returns:
        A float in (0, 1].

    Raises:
        ValueError: if the lengths differ, the input is empty, or only one class is present.

    Example:
        >>> average_precision([0, 0, 1, 1], [0.1, 0.5, 0.5, 0.9])
        0.8333333333333333
    """
    ### BEGIN SOLUTION
    positives, negatives = _counts_by_threshold(labels, scores)
    true_positives = np.cumsum(positives)
    precision = true_positives / (true_positives + np.cumsum(negatives))
    return float(np.sum(precision * positives) / true_positives[-1])
    ### END SOLUTION
