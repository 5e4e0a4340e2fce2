"""An online shop's model inputs before and during a holiday sale, with planted drift."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require

SHIFTED = ("basket_value", "discount_rate", "payment_method", "coupon_length")
STABLE = ("session_minutes", "account_age_days", "device", "country")


@generator
def make_holiday_tables(*, n_reference: int = 2500, n_current: int = 2500, seed: int) -> tuple:
    """``(reference, current)``: the same eight feature columns, before and during the sale.

    Planted truths:
    - shifted (population stability index far above 0.2 with 10 quantile bins): ``basket_value``
      (log-normal, median about 2.5x higher), ``discount_rate`` (zero for 70% of reference rows,
      for 10% of current rows), ``payment_method`` (a new category ``"gift_card"`` takes 30% of
      current rows; ``"cheque"``, 1% of reference rows, never appears in current) and
      ``coupon_length`` (missing for 5% of reference rows, 45% of current rows; same values otherwise);
    - stable (the same distribution in both; index below 0.05): ``session_minutes``,
      ``account_age_days`` (integers with ties), ``device`` and ``country`` (with rare categories);
    - numeric columns are floats or ints, categorical ones strings (object dtype); rows are
      independent; ``current`` has its columns in another order than ``reference``.
    """
    require(n_reference >= 500, f"n_reference must be at least 500, got {n_reference}")
    require(n_current >= 500, f"n_current must be at least 500, got {n_current}")
    rng = np.random.default_rng(seed)

    def table(n: int, sale: bool) -> pd.DataFrame:
        methods = ["card", "wallet", "bank", "gift_card"] if sale else ["card", "wallet", "bank", "cheque"]
        method_shares = [0.4, 0.2, 0.1, 0.3] if sale else [0.6, 0.27, 0.12, 0.01]
        coupon = rng.integers(4, 12, n).astype(float)
        coupon[rng.random(n) < (0.45 if sale else 0.05)] = np.nan
        return pd.DataFrame(
            {
                "basket_value": np.round(rng.lognormal(np.log(40) + (0.9 if sale else 0.0), 0.6, n), 2),
                "discount_rate": np.where(
                    rng.random(n) < (0.1 if sale else 0.7), 0.0, np.round(rng.uniform(0.05, 0.5, n), 2)
                ),
                "payment_method": rng.choice(methods, n, p=method_shares),
                "coupon_length": coupon,
                "session_minutes": np.round(rng.gamma(2.0, 6.0, n), 1),
                "account_age_days": rng.integers(0, 2000, n),
                "device": rng.choice(["ios", "android", "web"], n, p=[0.45, 0.4, 0.15]),
                "country": rng.choice(["DE", "FR", "NL", "BE", "LU", "MT"], n, p=[0.5, 0.3, 0.15, 0.04, 0.007, 0.003]),
            }
        )

    reference = table(n_reference, sale=False)
    current = table(n_current, sale=True)
    return reference, current[list(rng.permutation(current.columns))]
