"""A modelling table whose feature groups include a memorisable ID, for group ablation."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require


@generator
def make_ablation_table(*, n: int = 600, n_ids: int = 120, seed: int) -> tuple:
    """``(features, labels, groups)``: ``groups`` maps a group name to its list of columns.

    Planted truths:
    - ``engagement`` (3 columns) carries most of the signal and ``billing`` (2 columns) some;
      removing either lowers validation AUC;
    - ``device`` (2 columns) is noise: removing it changes little;
    - ``account_id`` is a one-hot encoding of a random ID with ``n_ids`` levels (about five rows
      each), unrelated to the label: a model memorises it, so removing it raises validation AUC;
    - all columns are numeric; about 40% of labels are positive.
    """
    require(n >= 200, f"n must be at least 200, got {n}")
    require(10 <= n_ids <= n, f"n_ids must be between 10 and n, got {n_ids}")
    rng = np.random.default_rng(seed)
    engagement = rng.normal(0, 1, (n, 3))
    billing = rng.normal(0, 1, (n, 2))
    device = rng.normal(0, 1, (n, 2))
    ids = rng.integers(0, n_ids, n)
    logit = -0.4 + engagement @ np.array([0.9, 0.6, 0.4]) + billing @ np.array([0.5, -0.4])
    labels = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    columns = {f"engagement_{i}": engagement[:, i] for i in range(3)}
    columns |= {f"billing_{i}": billing[:, i] for i in range(2)}
    columns |= {f"device_{i}": device[:, i] for i in range(2)}
    columns |= {f"account_{k:03d}": (ids == k).astype(float) for k in range(n_ids)}
    groups = {
        "engagement": [f"engagement_{i}" for i in range(3)],
        "billing": [f"billing_{i}" for i in range(2)],
        "device": [f"device_{i}" for i in range(2)],
        "account_id": [f"account_{k:03d}" for k in range(n_ids)],
    }
    return pd.DataFrame(columns), labels, groups
