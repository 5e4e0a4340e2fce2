"""Sessions of a user-randomised A/B test of a recommendation ranking: the data behind a readout."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require


@generator
def make_ab_sessions(
    *,
    n_users: int = 3000,
    treatment_share: float = 0.5,
    baseline_ctr: float = 0.1,
    relative_lift: float = 0.1,
    mean_sessions: float = 6.0,
    broken_split: bool = False,
    seed: int,
) -> pd.DataFrame:
    """One row per session: columns ``user_id`` (int), ``arm`` ("control"/"treatment"), ``clicked`` (0/1).

    Planted truths:
    - users, not sessions, are randomised: every session of a user is in that user's arm, and user ids
      (unique random integers) say nothing about the arm; rows are in random order;
    - strong within-user correlation: each user has a click probability drawn from Beta(0.2, 1.8)
      scaled by ``baseline_ctr`` / 0.1 (mean ``baseline_ctr``; intra-user correlation about 1/3), and
      1 + Poisson(``mean_sessions`` - 1) sessions, each clicked independently with that probability; so a
      test that treats sessions as independent gives an interval far narrower than a user-level one;
    - treatment multiplies each user's click probability by ``1 + relative_lift`` (capped at 1): the
      planted relative lift;
    - a healthy split: the treatment count is within half a standard deviation of ``n_users *
      treatment_share`` (sample-ratio-mismatch p-value at least 0.63 at the default sizes);
    - ``broken_split=True``: one treatment user in five is then lost from the log with all their sessions,
      a mismatch of more than five standard deviations (p-value below 1e-6 at the default sizes).
    """
    require(n_users >= 100, f"n_users must be at least 100, got {n_users}")
    require(0 < treatment_share < 1, f"treatment_share must be in (0, 1), got {treatment_share}")
    require(0 < baseline_ctr <= 0.3, f"baseline_ctr must be in (0, 0.3], got {baseline_ctr}")
    require(-0.5 < relative_lift < 1, f"relative_lift must be in (-0.5, 1), got {relative_lift}")
    require(mean_sessions >= 1, f"mean_sessions must be at least 1, got {mean_sessions}")
    rng = np.random.default_rng(seed)
    planned = n_users * treatment_share
    slack = int(0.5 * np.sqrt(n_users * treatment_share * (1 - treatment_share)))
    n_treatment = round(planned) + int(rng.integers(-slack, slack + 1))
    treated = np.zeros(n_users, dtype=bool)
    treated[rng.choice(n_users, size=n_treatment, replace=False)] = True
    probability = rng.beta(0.2, 1.8, n_users) * baseline_ctr / 0.1
    probability = np.clip(np.where(treated, probability * (1 + relative_lift), probability), 0, 1)
    sessions = 1 + rng.poisson(mean_sessions - 1, n_users)
    kept = np.ones(n_users, dtype=bool)
    if broken_split:
        treatment_users = np.flatnonzero(treated)
        kept[rng.choice(treatment_users, size=len(treatment_users) // 5, replace=False)] = False
    user_ids = rng.choice(10 * n_users, size=n_users, replace=False)
    user = np.repeat(np.flatnonzero(kept), sessions[kept])
    frame = pd.DataFrame(
        {
            "user_id": user_ids[user],
            "arm": np.where(treated[user], "treatment", "control"),
            "clicked": (rng.random(len(user)) < probability[user]).astype(int),
        }
    )
    return frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
