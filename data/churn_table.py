"""A churn modelling table: account features with very different scales and a planted signal."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require

FEATURES = ("tenure_days", "sessions_28d", "minutes_28d", "monthly_price", "support_tickets", "devices")


@generator
def make_churn_table(*, n_train: int = 3000, n_test: int = 2000, seed: int) -> tuple:
    """``(train, test_features, test_labels)``: ``train`` holds the ``FEATURES`` and ``churned`` (0/1).

    Planted truths:
    - churn (about 12%) rises with support tickets and falls with tenure and recent sessions; a
      logistic model on standardised features reaches an average precision around 0.45, far above
      the base rate; ``monthly_price`` and ``devices`` carry little signal;
    - features differ in scale by three orders of magnitude (minutes in thousands, tickets 0-6);
    - train and test come from the same distribution; the test labels are for the grader only.
    """
    require(n_train >= 200, f"n_train must be at least 200, got {n_train}")
    require(n_test >= 200, f"n_test must be at least 200, got {n_test}")
    rng = np.random.default_rng(seed)

    def rows(n: int) -> tuple[pd.DataFrame, np.ndarray]:
        tenure = rng.gamma(1.5, 250, n)
        sessions = rng.poisson(np.clip(rng.normal(14, 8, n), 0.5, None))
        frame = pd.DataFrame(
            {
                "tenure_days": np.round(tenure),
                "sessions_28d": sessions,
                "minutes_28d": np.round(sessions * rng.gamma(3, 12, n), 1),
                "monthly_price": rng.choice([4.99, 9.99, 14.99, 19.99], n),
                "support_tickets": rng.poisson(0.6, n),
                "devices": rng.integers(1, 5, n),
            }
        )
        logit = 0.3 - 0.005 * tenure - 0.15 * sessions + 0.9 * frame["support_tickets"].to_numpy()
        labels = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
        return frame, labels

    train, train_labels = rows(n_train)
    test, test_labels = rows(n_test)
    return train.assign(churned=train_labels), test, test_labels
