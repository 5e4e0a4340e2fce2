"""Card fraud by day, where days differ: the data behind an operating point's confidence interval."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require


@generator
def make_review_days(*, n_days: int = 30, mean_volume: int = 2000, prevalence: float = 0.01, seed: int) -> pd.DataFrame:
    """Scored transactions over ``n_days`` days: columns ``day`` (int), ``score``, ``is_fraud`` (0/1).

    Planted truths:
    - days differ far more than row-level chance explains: each day has its own fraud rate
      (``prevalence`` times a log-normal factor with sigma 0.8), its own fraud-score quality
      (fraud scores Beta(a, 2) with a drawn per day from 1.5..8) and its own false-alarm level
      (legitimate scores Beta(1, b) with b drawn per day from 5..14); so a bootstrap over rows
      gives intervals clearly narrower than one over days;
    - every day has 0.5x to 1.5x ``mean_volume`` transactions and at least one fraud;
    - at a threshold of 0.5 a few percent of rows are alerted, with fraud and false alarms on most
      days; rows are in random order.
    """
    require(n_days >= 2, f"n_days must be at least 2, got {n_days}")
    require(mean_volume >= 50, f"mean_volume must be at least 50, got {mean_volume}")
    require(0 < prevalence < 0.2, f"prevalence must be in (0, 0.2), got {prevalence}")
    rng = np.random.default_rng(seed)
    volumes = rng.integers(mean_volume // 2, mean_volume * 3 // 2, size=n_days)
    day = np.repeat(np.arange(n_days), volumes)
    fraud_rate = np.clip(prevalence * rng.lognormal(0, 0.8, n_days), 0, 0.5)[day]
    is_fraud = (rng.random(len(day)) < fraud_rate).astype(int)
    first_rows = np.r_[0, np.cumsum(volumes)[:-1]]
    is_fraud[first_rows] = 1
    fraud_quality = rng.uniform(1.5, 8, n_days)[day]
    false_alarm_level = rng.uniform(5, 14, n_days)[day]
    score = np.where(is_fraud == 1, rng.beta(fraud_quality, 2), rng.beta(1, false_alarm_level))
    order = rng.permutation(len(day))
    return pd.DataFrame({"day": day[order], "score": score[order], "is_fraud": is_fraud[order]})
