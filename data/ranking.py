"""Scored rows with binary labels, for ranking metrics: tied scores, and hard negatives."""

from __future__ import annotations

import numpy as np

from mlkata.generators import binary_labels, generator, require


@generator
def make_tied_scores(*, n: int = 3000, prevalence: float = 0.3, levels: int = 25, seed: int) -> tuple:
    """``(labels, scores)``: a weak model's scores, rounded so that most rows tie with others.

    Planted truths:
    - ``labels`` are 0/1 ints, each row positive with probability ``prevalence``; both classes
      are present (a redraw guarantees it);
    - ``scores`` take at most ``levels`` distinct values in [0, 1], so nearly every score is shared
      by positives and negatives alike: a metric that breaks ties by row order gets a different
      number;
    - positives score higher on average (ROC-AUC about 0.75), rows are in random order.
    """
    require(n >= 4, f"n must be at least 4, got {n}")
    require(0 < prevalence < 1, f"prevalence must be in (0, 1), got {prevalence}")
    require(levels >= 2, f"levels must be at least 2, got {levels}")
    rng = np.random.default_rng(seed)
    labels = binary_labels(rng, n, prevalence)
    raw = np.clip(rng.normal(0.4 + 0.2 * labels, 0.2), 0, 1)
    scores = np.round(raw * (levels - 1)) / (levels - 1)
    return labels, scores


@generator
def make_hard_negatives(*, n: int = 20_000, prevalence: float = 0.005, hard_share: float = 0.03, seed: int) -> tuple:
    """``(labels, scores)``: a fraud-like ranking where a few negatives look exactly like positives.

    Planted truths:
    - ``prevalence`` of rows are positive (exactly ``round(n * prevalence)``, at least 1), scored
      from Beta(8, 2);
    - ``hard_share`` of the negatives are scored from the same Beta(8, 2) as positives; the rest
      from Beta(1, 8);
    - so ROC-AUC is high (above 0.95 with the defaults) while average precision is poor (below 0.4):
      the hard negatives outnumber the positives in the top of the ranking;
    - scores are continuous (no ties); rows are in random order.
    """
    require(n >= 100, f"n must be at least 100, got {n}")
    require(0 < prevalence < 0.5, f"prevalence must be in (0, 0.5), got {prevalence}")
    require(0 <= hard_share < 1, f"hard_share must be in [0, 1), got {hard_share}")
    rng = np.random.default_rng(seed)
    positives = max(1, round(n * prevalence))
    labels = np.zeros(n, dtype=int)
    labels[:positives] = 1
    hard = np.zeros(n, dtype=bool)
    hard[positives : positives + round((n - positives) * hard_share)] = True
    scores = np.where((labels == 1) | hard, rng.beta(8, 2, n), rng.beta(1, 8, n))
    order = rng.permutation(n)
    return labels[order], scores[order]
