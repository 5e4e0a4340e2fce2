"""Two weeks of a ranking model's scored impressions per user segment: a mix shift, and a model that broke."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from mlkata.generators import generator, require

SEGMENTS = ("casual", "heavy", "new")
DEGRADED = "heavy"
# each segment's ROC-AUC by design (a binormal model), and its share of a week's impressions
_AUC = {"casual": 0.76, "heavy": 0.85, "new": 0.60}
_DEGRADED_AUC = 0.70
_SHARES = {"casual": 0.5, "heavy": 0.35, "new": 0.15}
_SHIFTED_SHARES = {"casual": 0.32, "heavy": 0.18, "new": 0.5}
_PLAY_RATE = {"casual": 0.3, "heavy": 0.45, "new": 0.2}


def _week(rng: np.random.Generator, n_rows: int, shares: dict, auc: dict) -> pd.DataFrame:
    parts = []
    for segment in SEGMENTS:
        n = round(n_rows * shares[segment])
        labels = (rng.random(n) < _PLAY_RATE[segment]).astype(int)
        labels[:2] = [0, 1]
        separation = np.sqrt(2) * NormalDist().inv_cdf(auc[segment])
        scores = 1 / (1 + np.exp(-(rng.normal(size=n) + separation * labels - 1.0)))
        parts.append(pd.DataFrame({"segment": segment, "score": np.round(scores, 2), "label": labels}))
    week = pd.concat(parts, ignore_index=True)
    return week.iloc[rng.permutation(len(week))].reset_index(drop=True)


@generator
def make_weekly_rankings(*, n_rows: int = 6000, seed: int) -> tuple:
    """``(baseline, mix_shift, degraded)``: three weeks of impressions, columns ``segment`` (str),
    ``score`` (float in [0, 1]) and ``label`` (int, 1 when the recommended playlist was played).

    Planted truths:
    - segments ``casual``, ``heavy`` and ``new``, whose scores separate plays from skips with a
      ROC-AUC of about 0.76, 0.85 and 0.60 (binormal scores through a sigmoid); scores are rounded to
      two decimals, so many rows tie, across labels too; both labels occur in every segment of every
      week; rows are in random order;
    - ``baseline``: ``n_rows`` impressions, 50% casual, 35% heavy, 15% new (exact counts);
    - ``mix_shift``: a campaign brought new listeners: 32% casual, 18% heavy, 50% new, each segment's
      scores and labels drawn from the same distributions as in ``baseline``. The traffic-weighted
      AUC drops by about 0.07, all of it from the mix; within segments only sampling noise moves;
    - ``degraded``: exactly the same segment counts as ``baseline`` (so every weight is the same),
      and the same distributions except in ``heavy`` (``DEGRADED``, not the largest segment), whose
      model broke: its AUC falls to about 0.70.
    """
    require(n_rows >= 600, f"n_rows must be at least 600, got {n_rows}")
    rng = np.random.default_rng(seed)
    baseline = _week(rng, n_rows, _SHARES, _AUC)
    mix_shift = _week(rng, n_rows, _SHIFTED_SHARES, _AUC)
    degraded = _week(rng, n_rows, _SHARES, {**_AUC, DEGRADED: _DEGRADED_AUC})
    return baseline, mix_shift, degraded
