"""Subscription churn: a weak model's churn probabilities for a base with few churners."""

from __future__ import annotations

import numpy as np

from mlkata.generators import binary_labels, generator, require


@generator
def make_churn_scores(*, n: int = 20_000, churn_rate: float = 0.03, decimals: int = 2, seed: int) -> tuple:
    """``(labels, scores)``: who churned (0/1) and the model's predicted churn probability.

    Planted truths:
    - about ``churn_rate`` of customers churn (Bernoulli per row); both classes are present;
    - the model is weak but roughly calibrated: scores are mostly far below 0.5, so predicting
      "churn" at 0.5 flags very few customers and plain accuracy lands within a point of
      ``1 - churn_rate`` (the "97% accurate" model that barely beats predicting nobody churns);
    - a small share of scores reach 0.5 or more, so the 0.5 threshold flags some customers;
    - scores are rounded to ``decimals`` places, so many customers tie, including at any review
      budget's boundary; rows are in random order.
    """
    require(n >= 10, f"n must be at least 10, got {n}")
    require(0 < churn_rate < 0.5, f"churn_rate must be in (0, 0.5), got {churn_rate}")
    require(decimals >= 1, f"decimals must be at least 1, got {decimals}")
    rng = np.random.default_rng(seed)
    labels = binary_labels(rng, n, churn_rate)
    risk = rng.normal(0, 1, n) + 1.3 * labels
    logit = np.log(churn_rate / (1 - churn_rate)) - 0.5 + 1.1 * risk
    scores = np.round(1 / (1 + np.exp(-logit)), decimals)
    return labels, scores
