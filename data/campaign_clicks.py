"""An ads platform's click log: high-cardinality campaign IDs, a few huge, most rare."""

from __future__ import annotations

import numpy as np

from mlkata.generators import generator, require


@generator
def make_campaign_clicks(*, n_train: int = 4000, n_test: int = 2000, n_campaigns: int = 400, seed: int) -> tuple:
    """``(train_campaigns, train_clicks, test_campaigns, test_clicks)``: campaign ids (str) and 0/1 clicks.

    Planted truths:
    - campaign sizes follow a Zipf-like law: a few campaigns have hundreds of impressions, most a
      handful, many just one; each campaign has its own click rate (Beta(2, 14), mean 0.125);
    - about 10% of test impressions belong to campaigns never seen in training;
    - campaign ids are strings like ``"c0042"``; rows are in random order.
    """
    require(n_train >= 100 and n_test >= 100, "n_train and n_test must be at least 100")
    require(n_campaigns >= 10, f"n_campaigns must be at least 10, got {n_campaigns}")
    rng = np.random.default_rng(seed)
    weights = 1 / np.arange(1, n_campaigns + 1) ** 1.1
    rates = rng.beta(2, 14, n_campaigns)
    ids = np.array([f"c{i:04d}" for i in rng.permutation(n_campaigns)])
    unseen = rng.random(n_test) < 0.1
    train = rng.choice(n_campaigns, n_train, p=weights / weights.sum())
    test = rng.choice(n_campaigns, n_test, p=weights / weights.sum())
    train_clicks = (rng.random(n_train) < rates[train]).astype(int)
    test_clicks = (rng.random(n_test) < rates[test]).astype(int)
    test_ids = np.where(unseen, np.array([f"new{i:05d}" for i in range(n_test)]), ids[test])
    return ids[train], train_clicks, test_ids, test_clicks
