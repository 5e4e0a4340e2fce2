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
    burst: int = 0,
    seed: int,
) -> pd.DataFrame:
    """Scored transactions over ``n_days`` days, one row per transaction.

    Columns: ``day`` (datetime64, midnight), ``score`` (float in [0, 1]), ``is_fraud`` (0/1).

    Planted truths:
    - daily volume varies about fivefold: weekends carry a third of a weekday's volume and
      weekdays vary by +-40% around ``mean_volume``; no two days have the same volume before a
      burst is added;
    - fraud is ``prevalence`` of rows on average (Bernoulli per row), scored from Beta(6, 2);
      legitimate rows from Beta(1, 12), so that few legitimate scores exceed 0.5;
    - scores are rounded to ``decimals`` places, so the high tail is full of tied scores;
    - with ``burst`` > 0 (a card-testing attack): one day gets ``burst`` extra fraudulent rows that
      all score ``1 - 2 * 10**-decimals``, and no score of the period is above it except one
      transaction on another day, which alone scores ``1 - 10**-decimals`` (no score is 1.0).
      So with any capacity from 1 to ``burst - 1`` the least strict threshold alerts that one
      transaction and nothing else, while every threshold drawn from the burst day's own scores,
      and a threshold of 1, alert nothing on any day;
    - rows are shuffled: neither day nor score order can be relied on.
    """
    require(n_days >= 2 or burst == 0, f"a burst needs at least 2 days, got n_days={n_days}")
    require(n_days >= 1, f"n_days must be at least 1, got {n_days}")
    require(mean_volume >= 10, f"mean_volume must be at least 10, got {mean_volume}")
    require(0 < prevalence < 1, f"prevalence must be in (0, 1), got {prevalence}")
    require(decimals >= 1, f"decimals must be at least 1, got {decimals}")
    require(burst >= 0, f"burst must be at least 0, got {burst}")
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-03-02") + pd.Timedelta(days=int(rng.integers(0, 7)))
    dates = pd.date_range(start, periods=n_days, freq="D")
    weekday_factor = rng.uniform(0.6, 1.4, size=n_days)
    weekend = dates.day_of_week >= 5
    volumes = np.maximum(10, (mean_volume * np.where(weekend, 0.33, weekday_factor)).astype(int))
    volumes = volumes + np.arange(n_days)  # strictly distinct volumes
    day = np.repeat(dates.to_numpy(), volumes)
    is_fraud = (rng.random(len(day)) < prevalence).astype(int)
    score = np.round(np.where(is_fraud == 1, rng.beta(6, 2, len(day)), rng.beta(1, 12, len(day))), decimals)
    if burst:
        burst_score, top_score = round(1 - 2 * 10.0**-decimals, decimals), round(1 - 10.0**-decimals, decimals)
        burst_day, top_day = rng.choice(n_days, size=2, replace=False)
        score = np.minimum(score, burst_score)
        day = np.r_[day, np.repeat(dates[burst_day].to_datetime64(), burst), dates[top_day].to_datetime64()]
        score = np.r_[score, np.full(burst, burst_score), top_score]
        is_fraud = np.r_[is_fraud, np.ones(burst + 1, dtype=int)]
    order = rng.permutation(len(day))
    return pd.DataFrame({"day": day[order], "score": score[order], "is_fraud": is_fraud[order]})
