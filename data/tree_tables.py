"""Tabular data for the tree exercises: splits, a planted rule with label noise, interactions, an ID column."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require


@generator
def make_split_table(*, n: int = 400, n_features: int = 6, decimals: int | None = 1, seed: int) -> tuple:
    """``(X, y)``: a float array of shape ``(n, n_features)`` and 0/1 int labels, for a single best split.

    Planted truths:
    - features are uniform on [-3, 3]; with ``decimals`` set they are rounded, so every feature
      repeats its values (duplicates, and thresholds only between distinct values); with
      ``decimals=None`` they are continuous and distinct;
    - the label depends on features 0, 1 and 2 through a noisy logistic model, so several features
      offer good, different splits; both classes are present;
    - with ``decimals`` set, distinct values differ by at least ``10**-decimals``, far more than
      float32 rounding, so a library that works in float32 splits the rows the same way.
    """
    require(n >= 4, f"n must be at least 4, got {n}")
    require(n_features >= 3, f"n_features must be at least 3, got {n_features}")
    require(decimals is None or decimals >= 0, f"decimals must be None or >= 0, got {decimals}")
    rng = np.random.default_rng(seed)
    X = rng.uniform(-3, 3, size=(n, n_features))
    if decimals is not None:
        X = np.round(X, decimals)
    logit = 1.2 * X[:, 0] - 0.9 * (X[:, 1] > 0.5) + 0.6 * X[:, 2] ** 2 - 1.5
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    y[:2] = [0, 1]
    return X, y


RULES = ("either", "all_five", "noise")


@generator
def make_rule_table(*, n: int = 800, flip: float = 0.15, rule: str = "either", seed: int) -> tuple:
    """``(X, y, bayes)``: six features in [0, 1], 0/1 labels, and the Bayes-optimal prediction of each row.

    Planted truths:
    - ``X`` is a float array of shape ``(n, 6)``, uniform on [0, 1] and rounded to 2 decimals;
    - ``rule="either"``: the clean label is 1 exactly when (x0 > 0.55 and x1 > 0.35) or x2 > 0.8, a
      rule a depth-3 tree can express; features 3, 4 and 5 are pure noise;
    - ``rule="all_five"``: the clean label is 1 exactly when each of x0..x4 is above 0.2 (about a
      third of the rows), a rule that needs five levels: a depth-3 tree stays about 0.1 of accuracy
      below the best, while deep trees with leaves of 20 rows come within a few points of it;
    - with either rule each label is flipped with probability ``flip``, so the best possible
      accuracy is ``1 - flip`` and ``bayes`` (the clean label) is the Bayes-optimal prediction;
    - ``rule="noise"``: the labels are independent of ``X``, 1 with probability 0.3; the best
      possible prediction is 0 for every row (``bayes`` is all zeros), with accuracy about 0.7, and
      no tree beats always predicting 0 on held-out rows by more than about 0.01;
    - a full-depth tree fits the training labels (almost) perfectly and generalises badly.
    """
    require(n >= 50, f"n must be at least 50, got {n}")
    require(0 <= flip < 0.5, f"flip must be in [0, 0.5), got {flip}")
    require(rule in RULES, f"rule must be one of {RULES}, got {rule!r}")
    rng = np.random.default_rng(seed)
    X = np.round(rng.random((n, 6)), 2)
    if rule == "noise":
        return X, (rng.random(n) < 0.3).astype(int), np.zeros(n, dtype=int)
    if rule == "either":
        bayes = (((X[:, 0] > 0.55) & (X[:, 1] > 0.35)) | (X[:, 2] > 0.8)).astype(int)
    else:
        bayes = (X[:, :5] > 0.2).all(axis=1).astype(int)
    y = np.where(rng.random(n) < flip, 1 - bayes, bayes)
    return X, y, bayes


@generator
def make_interaction_table(*, n: int = 1000, flip: float = 0.1, seed: int) -> tuple:
    """``(X, y)``: six features in [-1, 1] and 0/1 labels from a pure interaction of two of them.

    Planted truths:
    - ``X`` is a float array of shape ``(n, 6)``, uniform on [-1, 1] and rounded to 2 decimals;
    - the clean label is 1 exactly when one, and only one, of x0 > 0.3 and x1 > -0.2 holds (an
      off-centre exclusive or); features 2 to 5 are noise; each label is flipped with probability
      ``flip``;
    - neither feature predicts the label on its own, so a forest of stumps (depth 1) ranks rows
      barely better than chance; one deep tree, which memorises the flipped labels and gives 0/1
      scores, ranks clearly worse than a forest of a few trees of depth 4 to 8.
    """
    require(n >= 50, f"n must be at least 50, got {n}")
    require(0 <= flip < 0.5, f"flip must be in [0, 0.5), got {flip}")
    rng = np.random.default_rng(seed)
    X = np.round(rng.uniform(-1, 1, size=(n, 6)), 2)
    clean = (X[:, 0] > 0.3) ^ (X[:, 1] > -0.2)
    y = np.where(rng.random(n) < flip, ~clean, clean).astype(int)
    return X, y


@generator
def make_parity_table(*, n: int = 1000, flip: float = 0.1, seed: int) -> tuple:
    """``(X, y)``: six features in [-1, 1] and 0/1 labels from a three-way interaction (a parity).

    Planted truths:
    - ``X`` is a float array of shape ``(n, 6)``, uniform on [-1, 1] and rounded to 2 decimals;
    - the clean label is 1 exactly when an odd number of x0 > 0.2, x1 > -0.3 and x2 > 0.1 holds;
      features 3 to 5 are noise; each label is flipped with probability ``flip``;
    - no pair of features predicts the label, so with 2,000 rows and a budget of 48 comparisons a
      forest of depth-2 trees ranks rows barely better than chance (ROC-AUC about 0.57) and depth 3
      stays clearly below the best shapes (depths 5 to 8, about 0.88-0.90).
    """
    require(n >= 50, f"n must be at least 50, got {n}")
    require(0 <= flip < 0.5, f"flip must be in [0, 0.5), got {flip}")
    rng = np.random.default_rng(seed)
    X = np.round(rng.uniform(-1, 1, size=(n, 6)), 2)
    clean = (X[:, 0] > 0.2) ^ (X[:, 1] > -0.3) ^ (X[:, 2] > 0.1)
    y = np.where(rng.random(n) < flip, ~clean, clean).astype(int)
    return X, y


SIGNAL_COLUMNS = ("tenure_months", "monthly_spend", "support_tickets")
COLUMNS = ("tenure_months", "monthly_spend", "support_tickets", "region", "customer_id", "survey_score")


@generator
def make_importance_table(*, n_train: int = 1000, n_valid: int = 1000, seed: int) -> tuple:
    """``(X_train, y_train, X_valid, y_valid)``: customers with three real drivers of churn and a random ID.

    ``X_*`` are DataFrames with the ``COLUMNS`` (all numeric); ``y_*`` are 0/1 int arrays (1: churned).

    Planted truths:
    - the churn log-odds depend on ``SIGNAL_COLUMNS`` only: strongly on ``tenure_months`` and
      ``monthly_spend``, and on ``support_tickets``; 10% of labels are then flipped;
    - ``region`` (5 values) and ``survey_score`` carry no signal at all;
    - ``customer_id`` is a random integer, distinct for every row of both splits: a
      high-cardinality column with no signal, which a fully grown forest uses to memorise the
      flipped training labels (large impurity importance, large permutation importance on training
      rows, about none on validation rows);
    - the columns come in the order of ``COLUMNS``: the ID after the signal columns.
    """
    require(n_train >= 100 and n_valid >= 100, f"need at least 100 rows per split, got {n_train} and {n_valid}")
    rng = np.random.default_rng(seed)
    n = n_train + n_valid
    tenure = rng.integers(1, 72, n)
    spend = np.round(rng.gamma(4.0, 15.0, n), 2)
    tickets = rng.poisson(1.5, n)
    logit = 1.2 - 0.06 * tenure + 0.03 * (spend - 60) + 1.2 * (tickets - 1.5)
    clean = rng.random(n) < 1 / (1 + np.exp(-6 * logit))
    y = np.where(rng.random(n) < 0.1, ~clean, clean).astype(int)
    X = pd.DataFrame(
        {
            "tenure_months": tenure,
            "monthly_spend": spend,
            "support_tickets": tickets,
            "region": rng.integers(0, 5, n),
            "customer_id": rng.choice(10**7, size=n, replace=False),
            "survey_score": np.round(rng.uniform(0, 10, n), 1),
        }
    )
    return X.iloc[:n_train].reset_index(drop=True), y[:n_train], X.iloc[n_train:].reset_index(drop=True), y[n_train:]
