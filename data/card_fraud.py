"""Card payments: a model's fraud scores on recent days of transactions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require


@generator
def make_scored_transactions(
    *,
    n_days: int = 14,
    mean_volume: int = 4000,
    prevalence: float = 0.002,
    decimals: int = 2,
    seed: int,
) -> pd.DataFrame:
    """Scored transactions over ``n_days`` days, one row per transaction.

    Columns: ``day`` (datetime64, midnight), ``score`` (float in [0, 1]), ``is_fraud`` (0/1).

    Planted truths:
    - daily volume varies about fivefold: weekends carry a third of a weekday's volume and
      weekdays vary by +-40% around ``mean_volume``; no two days have the same volume;
    - fraud is ``prevalence`` of rows on average (Bernoulli per row), scored from Beta(6, 2);
      legitimate rows from Beta(1, 12), so that few legitimate scores exceed 0.5;
    - scores are rounded to ``decimals`` places, so the high tail is full of tied scores;
    - rows are shuffled: neither day nor score order can be relied on.
    """
    require(n_days >= 1, f"n_days must be at least 1, got {n_days}")
    require(mean_volume >= 10, f"mean_volume must be at least 10, got {mean_volume}")
    require(0 < prevalence < 1, f"prevalence must be in (0, 1), got {prevalence}")
    require(decimals >= 1, f"decimals must be at least 1, got {decimals}")
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-03-02") + pd.Timedelta(days=int(rng.integers(0, 7)))
    dates = pd.date_range(start, periods=n_days, freq="D")
    weekday_factor = rng.uniform(0.6, 1.4, size=n_days)
    weekend = dates.day_of_week >= 5
    volumes = np.maximum(10, (mean_volume * np.where(weekend, 0.33, weekday_factor)).astype(int))
    volumes = volumes + np.arange(n_days)  # strictly distinct volumes
    day = np.repeat(dates.to_numpy(), volumes)
    is_fraud = (rng.random(len(day)) < prevalence).astype(int)
    score = np.where(is_fraud == 1, rng.beta(6, 2, len(day)), rng.beta(1, 12, len(day)))
    order = rng.permutation(len(day))
    return pd.DataFrame({"day": day[order], "score": np.round(score[order], decimals), "is_fraud": is_fraud[order]})
