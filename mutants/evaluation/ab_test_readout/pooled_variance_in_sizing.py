"""Sizes with the pooled variance 2 p (1 - p) at the mean rate, where the contract takes each arm's own."""

import math

from scipy import stats


def users_per_arm(baseline_ctr, relative_lift, *, sessions_per_user, intra_user_correlation, alpha=0.05, power=0.8):
    treated_ctr = baseline_ctr * (1 + relative_lift)
    if not (0 < baseline_ctr < 1 and 0 < treated_ctr < 1 and treated_ctr != baseline_ctr):
        raise ValueError("rates out of range")
    if sessions_per_user < 1 or not 0 <= intra_user_correlation <= 1 or not (0 < alpha < 1 and 0 < power < 1):
        raise ValueError("settings out of range")
    z_total = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    pooled = (baseline_ctr + treated_ctr) / 2
    sessions = z_total**2 * 2 * pooled * (1 - pooled) / (treated_ctr - baseline_ctr) ** 2
    return math.ceil(sessions * (1 + (sessions_per_user - 1) * intra_user_correlation) / sessions_per_user)
