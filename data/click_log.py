"""A click-through log: real signal in position and user history, noise in thousands of rare campaign IDs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require

FEATURES = ("campaign", "ad_position", "hour", "user_clicks_30d", "device")


@generator
def make_click_log(*, n: int = 3000, n_campaigns: int = 1200, seed: int) -> tuple:
    """``(features, clicks)``: impressions with the ``FEATURES`` columns (all numeric) and 0/1 clicks.

    Planted truths:
    - ``campaign`` is an integer ID; a Zipf-like law makes a few campaigns common and most seen
      once or twice; only the 20 most common campaigns change the click rate, the rest are noise
      that a flexible model memorises;
    - the real signal: the top ``ad_position`` (1) clicks far more, and clicks rise with the user's
      clicks in the last 30 days; ``hour`` and ``device`` carry little;
    - about 15% of impressions are clicked; rows are independent (fresh data for every seed).
    """
    require(n >= 500, f"n must be at least 500, got {n}")
    require(n_campaigns >= 50, f"n_campaigns must be at least 50, got {n_campaigns}")
    rng = np.random.default_rng(seed)
    weights = 1 / np.arange(1, n_campaigns + 1) ** 1.05
    campaign = rng.choice(n_campaigns, n, p=weights / weights.sum())
    effect = np.where(np.arange(n_campaigns) < 20, rng.normal(0, 0.6, n_campaigns), 0.0)
    ids = rng.permutation(n_campaigns)
    position = rng.integers(1, 6, n)
    user_clicks = rng.poisson(rng.gamma(1.0, 3.0, n))
    logit = -1.6 + 1.0 * (position == 1) - 0.2 * position + 0.35 * np.log1p(user_clicks) + effect[campaign]
    clicks = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    features = pd.DataFrame(
        {
            "campaign": ids[campaign],
            "ad_position": position,
            "hour": rng.integers(0, 24, n),
            "user_clicks_30d": user_clicks,
            "device": rng.integers(0, 3, n),
        }
    )
    return features, clicks
