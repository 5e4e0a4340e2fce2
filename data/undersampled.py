"""Scores from a model trained on a 50/50 undersample, applied to the real, imbalanced population."""

from __future__ import annotations

import numpy as np

from mlkata.generators import generator, require


@generator
def make_undersampled_scores(
    *, n: int = 20_000, population_rate: float = 0.028, sample_rate: float = 0.5, seed: int
) -> tuple:
    """``(scores, labels)`` on the population, for a model fitted where positives made up ``sample_rate``.

    Planted truths:
    - each row's true probability is ``sigmoid(z)``, z spread around the logit of
      ``population_rate`` (with the defaults 2.9-3.7% of rows are positive); labels are drawn from it;
    - ``scores`` are exactly what a perfectly calibrated model of the undersampled data outputs:
      the true odds multiplied by ``(sample_rate / (1 - sample_rate)) / (population_rate /
      (1 - population_rate))``; the prior correction therefore recovers the true probabilities;
    - uncorrected, the scores' mean is far above ``population_rate`` (around 0.2 with the defaults)
      and their Brier score several times worse than after correction.
    """
    require(n >= 1000, f"n must be at least 1000, got {n}")
    require(0 < population_rate < sample_rate < 1, "need 0 < population_rate < sample_rate < 1")
    rng = np.random.default_rng(seed)
    shift = np.log(population_rate / (1 - population_rate))
    z = shift - 0.9 + rng.normal(0, 1.6, n)
    labels = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
    ratio = (sample_rate / (1 - sample_rate)) / (population_rate / (1 - population_rate))
    odds = np.exp(z) * ratio
    return odds / (1 + odds), labels
