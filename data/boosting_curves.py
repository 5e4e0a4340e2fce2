"""Evaluation logs of gradient-boosting runs: a training loss and a noisy validation loss per round."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require


@generator
def make_boosting_logs(*, n_logs: int = 30, min_rounds: int = 20, max_rounds: int = 120, seed: int) -> tuple:
    """``n_logs`` triples ``(history, patience, min_delta)``, one per boosting run.

    ``history`` has the columns ``round`` (1..n, each once), ``train_loss`` and ``valid_loss``.

    Planted truths:
    - the validation loss falls fast, flattens and then rises slowly (overfitting), with noise; it
      is rounded to 3 decimals, so equal losses (ties with the best so far, flat stretches) are
      common; about a third of the logs hold a long plateau at the best level;
    - the training loss falls in every round, so its minimum is always the last round: it is a
      distractor, never the right curve to stop on;
    - ``patience`` is an int in 1..8 and ``min_delta`` one of 0, 0.0015 and 0.0025 (half-way between two
      3-decimal losses, so no generated difference sits exactly on ``min_delta``);
    - rows are shuffled in about half of the logs, so the row order is not the round order.
    """
    require(n_logs >= 1, f"n_logs must be at least 1, got {n_logs}")
    require(2 <= min_rounds <= max_rounds, f"need 2 <= min_rounds <= max_rounds, got {min_rounds} and {max_rounds}")
    rng = np.random.default_rng(seed)
    logs = []
    for _ in range(n_logs):
        n = int(rng.integers(min_rounds, max_rounds + 1))
        rounds = np.arange(1, n + 1)
        turn = rng.uniform(0.2, 0.8) * n
        valid = (
            0.3
            + 0.4 * np.exp(-rounds / rng.uniform(3, 12))
            + rng.uniform(0.0005, 0.003) * np.maximum(0, rounds - turn)
            + rng.normal(0, rng.uniform(0.001, 0.006), n)
        )
        if rng.random() < 0.35:  # a flat stretch at the level reached a few rounds before the turn
            start = int(rng.integers(1, max(2, int(turn))))
            length = int(rng.integers(2, 12))
            valid[start : start + length] = valid[start - 1]
        train = 0.6 * np.exp(-rounds / rng.uniform(10, 40)) + 0.05 - 0.0001 * rounds
        history = pd.DataFrame({"round": rounds, "train_loss": np.round(train, 4), "valid_loss": np.round(valid, 3)})
        if rng.random() < 0.5:
            history = history.sample(frac=1, random_state=int(rng.integers(2**31))).reset_index(drop=True)
        logs.append((history, int(rng.integers(1, 9)), float(rng.choice([0.0, 0.0015, 0.0025]))))
    return tuple(logs)
