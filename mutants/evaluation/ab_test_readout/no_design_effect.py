"""Sizes as if sessions were independent: divides by sessions per user but ignores the design effect."""

import math

from scipy import stats


def users_per_arm(baseline_ctr, relative_lift, *, sessions_per_user, intra_user_correlation, alpha=0.05, power=0.8):
    treated_ctr = baseline_ctr * (1 + relative_lift)
    if not (0 < baseline_ctr < 1 and 0 < treated_ctr < 1 and treated_ctr != baseline_ctr):
        raise ValueError("rates out of range")
    if sessions_per_user < 1 or not 0 <= intra_user_correlation <= 1 or not (0 < alpha < 1 and 0 < power < 1):
        raise ValueError("settings out of range")
    z_total = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    variance = baseline_ctr * (1 - baseline_ctr) + treated_ctr * (1 - treated_ctr)
    sessions = z_total**2 * variance / (treated_ctr - baseline_ctr) ** 2
    return math.ceil(sessions / sessions_per_user)
