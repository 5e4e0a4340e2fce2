"""Subscription plan changes over time, and the moments users are scored."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require

PLANS = ("free", "student", "individual", "duo", "family")
STALENESS = pd.Timedelta(days=45)  # the staleness limit the planted boundaries are placed for


@generator
def make_plan_history(*, n_users: int = 150, n_days: int = 180, seed: int) -> tuple:
    """``(scorings, history)``.

    - ``history``: columns ``user_id``, ``valid_from`` (when a plan took effect) and ``plan``; 1 to 6
      changes per user, rows shuffled across users;
    - ``scorings``: columns ``user_id`` and ``prediction_time``, 1 to 4 per user, rows shuffled,
      index not 0..n-1.

    Planted truths:
    - all times are whole hours; about a quarter of scorings fall exactly on one of the user's
      plan changes, and about one in ten exactly ``STALENESS`` (45 days) after the user's last
      change, where a 45-day limit still keeps it;
    - some scorings come before the user's first change (no plan known), and some long after the
      user's last change (stale under a 45-day limit);
    - user ids sort differently from the times of their changes, so an as-of lookup that ignores
      the user takes another user's plan.
    """
    require(n_users >= 10, f"n_users must be at least 10, got {n_users}")
    require(n_days >= 60, f"n_days must be at least 60, got {n_days}")
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-01-05")
    changes, scorings = [], []
    for user in (f"u{i:04d}" for i in rng.permutation(n_users)):
        hours = np.sort(rng.choice(n_days * 24, int(rng.integers(1, 7)), replace=False))
        when = start + pd.to_timedelta(hours, unit="h")
        changes.extend(zip([user] * len(when), when, rng.choice(PLANS, len(when)), strict=True))
        scored = start + pd.to_timedelta(rng.integers(0, (n_days + 60) * 24, int(rng.integers(1, 5))), unit="h")
        draws = rng.random(len(scored))
        scored = [
            when[int(rng.integers(len(when)))] if u < 0.25 else when[-1] + STALENESS if u < 0.35 else t
            for t, u in zip(scored, draws, strict=True)
        ]
        scorings.extend((user, t) for t in scored)
    history = pd.DataFrame(changes, columns=["user_id", "valid_from", "plan"])
    scorings = pd.DataFrame(scorings, columns=["user_id", "prediction_time"])
    scorings = scorings.iloc[rng.permutation(len(scorings))]
    scorings.index = rng.permutation(len(scorings)) * 7 + 3
    return scorings, history.iloc[rng.permutation(len(history))].reset_index(drop=True)
