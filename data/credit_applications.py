"""Credit-line applications at checkout, where a blank income field says more than most incomes do."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require

COLUMNS = ("age", "account_age_days", "monthly_spend", "declared_income", "months_at_address", "days_since_login")


@generator
def make_credit_applications(*, n_train: int = 2000, n_test: int = 2000, seed: int) -> tuple:
    """``(train, train_defaults, test, test_defaults)``: applicants' features and whether they defaulted.

    ``train`` and ``test`` are DataFrames with the ``COLUMNS``, in that order, NaN marking a blank;
    the defaults are 0/1 int arrays, for the grader only.

    Planted truths:
    - about 15% of applicants default; default is more likely for younger applicants, younger
      accounts, fewer months at the address and more days since the last login;
    - ``declared_income`` is optional and missing not at random: blank for about 60% of defaulters
      and 5% of repayers, in training and test rows alike. The observed incomes of the two classes
      overlap almost entirely (defaulters declare 5% less), and the training mean lies in their
      bulk, so mean imputation makes a blank look like an ordinary income: a model that may only
      lower the risk as income rises (a monotone constraint) then loses the blank's signal, while a
      0/1 blank indicator keeps it;
    - ``months_at_address`` is blank at random (about 20%) in the training rows only: the field
      became mandatory before the test period, so no test row has it blank;
    - ``days_since_login`` is blank at random (about 10%) in the test rows only (a tracking outage),
      never in the training rows;
    - ``age`` and ``account_age_days`` are whole numbers (int64) and never blank; ``monthly_spend``
      is never blank either;
    - train and test are drawn from the same distribution apart from the two blank patterns above.
    """
    require(n_train >= 200, f"n_train must be at least 200, got {n_train}")
    require(n_test >= 200, f"n_test must be at least 200, got {n_test}")
    rng = np.random.default_rng(seed)

    def rows(n: int, *, training: bool) -> tuple[pd.DataFrame, np.ndarray]:
        defaults = (rng.random(n) < 0.15).astype(int)
        frame = pd.DataFrame(
            {
                "age": np.clip(np.round(rng.normal(41, 11, n) - 3 * defaults), 18, 85).astype(np.int64),
                "account_age_days": np.round(rng.gamma(2.0, 300, n) * np.where(defaults, 0.6, 1.0)).astype(np.int64),
                "monthly_spend": np.round(rng.lognormal(6.2, 0.6, n), 2),
                "declared_income": np.round(rng.lognormal(10.6, 0.35, n) * np.where(defaults, 0.95, 1.0), -2),
                "months_at_address": np.round(rng.gamma(2.0, 24, n) * np.where(defaults, 0.8, 1.0)),
                "days_since_login": np.round(rng.gamma(2.0, 4, n) + 3 * defaults),
            }
        )
        blank_income = rng.random(n) < np.where(defaults, 0.6, 0.05)
        frame.loc[blank_income, "declared_income"] = np.nan
        blank_at_random = rng.random(n) < (0.2 if training else 0.1)
        blank_at_random[0] = True  # the blank pattern is present on every seed
        frame.loc[blank_at_random, "months_at_address" if training else "days_since_login"] = np.nan
        return frame, defaults

    train, train_defaults = rows(n_train, training=True)
    test, test_defaults = rows(n_test, training=False)
    return train, train_defaults, test, test_defaults
