"""Early stopping: how many boosting rounds to keep, read from a validation curve with patience.

A tabular risk model is trained with gradient boosting. Every round the training job logs the
loss on the training rows and on a held-out validation set. The team wants the same rule the
boosting libraries apply while training, but replayed on a finished log, so that they can compare
patience settings without retraining: walk through the rounds in order, remember the best
validation loss so far, and stop once the validation loss has failed to improve for ``patience``
rounds in a row. The model then keeps the rounds up to the best one.

Contract:
- ``history`` is a DataFrame with the columns ``round`` (the ints 1..n, each once), ``train_loss``
  and ``valid_loss`` (lower is better). Its rows may be in any order: the order of ``round``
  counts, not the row order.
- Only ``valid_loss`` decides. The training loss keeps falling and says nothing about when to stop.
- Round 1 always improves (there is no best yet). A later round improves when, exactly,
  ``valid_loss < best - min_delta``, ``best`` being the lowest validation loss among the improving
  rounds so far. Equal losses do not improve, and neither does a drop of exactly ``min_delta``; a
  round that does not improve leaves ``best`` as it was.
- ``patience`` counts the consecutive rounds without improvement: the walk stops right after the
  ``patience``-th of them, and rounds after that are never looked at. An improvement resets the
  count to zero. When the log ends first, the walk simply ends there.
- Return the last improving round before the walk stopped (as a 1-based round number): the first
  round at which the best loss was reached.
- Raise ValueError when ``history`` has no rows, ``patience < 1``, ``min_delta < 0``, or a
  validation loss is NaN.

Graded: exact agreement with the rule on generated logs (ties, plateaus, shuffled rows) and on
small hand-made logs: ties with the best, an improvement on the last round of patience and on the
first round after it, a drop of exactly ``min_delta``, a log that ends before patience runs out;
the training loss must not matter; ValueError where asked.
"""

import math

import pandas as pd


def best_round(history: pd.DataFrame, *, patience: int, min_delta: float = 0.0) -> int:
    """Return the boosting round to keep under early stopping with ``patience``.

    Args:
        history: one row per round, columns ``round`` (1..n), ``train_loss``, ``valid_loss``; rows
            in any order.
        patience: how many consecutive rounds without improvement end the walk (an int >= 1).
        min_delta: how much lower than the best so far a loss must be to count as an improvement
            (a float >= 0).

    Returns:
        The round number (an int between 1 and n) of the last improvement before stopping.

    Raises:
        ValueError: if ``history`` is empty, ``patience < 1``, ``min_delta < 0`` or a validation
            loss is NaN.

    Example:
        >>> log = pd.DataFrame({"round": [1, 2, 3, 4, 5], "train_loss": [0.9, 0.8, 0.7, 0.6, 0.5],
        ...                     "valid_loss": [0.70, 0.60, 0.65, 0.66, 0.50]})
        >>> best_round(log, patience=2)
        2
    """
    ### BEGIN SOLUTION
    if len(history) == 0:
        raise ValueError("history has no rows")
    if patience < 1:
        raise ValueError(f"patience must be at least 1, got {patience}")
    if min_delta < 0:
        raise ValueError(f"min_delta must be >= 0, got {min_delta}")
    ordered = history.sort_values("round")
    losses = ordered["valid_loss"].to_numpy(dtype=float)
    if any(math.isnan(loss) for loss in losses):
        raise ValueError("valid_loss contains NaN")
    best, best_at, waited = math.inf, None, 0
    for round_number, loss in zip(ordered["round"].to_numpy(), losses, strict=True):
        if best_at is None or loss < best - min_delta:
            best, best_at, waited = loss, int(round_number), 0
        else:
            waited += 1
            if waited == patience:
                break
    return best_at
    ### END SOLUTION
