"""Linearises each user's clicks around the arm's rate (y - R x) for the variance; scipy's chisquare for the split."""

import math

import pandas as pd
from scipy.stats import chisquare, norm


def users_per_arm(baseline_ctr, relative_lift, *, sessions_per_user, intra_user_correlation, alpha=0.05, power=0.8):
    p1, p2 = baseline_ctr, baseline_ctr + baseline_ctr * relative_lift
    valid = 0 < p1 < 1 and 0 < p2 < 1 and p1 != p2 and sessions_per_user >= 1
    if not (valid and 0 <= intra_user_correlation <= 1 and 0 < alpha < 1 and 0 < power < 1):
        raise ValueError("a setting is out of range")
    per_session_sd = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    sessions = ((norm.isf(alpha / 2) - norm.isf(power)) * per_session_sd / (p2 - p1)) ** 2
    clusters = sessions / sessions_per_user * (1 + intra_user_correlation * (sessions_per_user - 1))
    return math.ceil(clusters)


def _arm(users: pd.DataFrame) -> tuple[float, float]:
    x, y = users["x"].to_numpy(dtype=float), users["y"].to_numpy(dtype=float)
    rate = y.sum() / x.sum()
    residual = y - rate * x
    return rate, residual.var(ddof=1) / (len(x) * x.mean() ** 2)


def read_out(log, *, treatment_share=0.5, confidence=0.95, srm_alpha=0.001):
    if not 0 < treatment_share < 1 or not 0 < confidence < 1 or not 0 < srm_alpha <= 1:
        raise ValueError("a setting is out of range")
    if set(log["arm"].unique()) - {"control", "treatment"}:
        raise ValueError("unknown arm")
    if (log.groupby("user_id")["arm"].nunique() > 1).any():
        raise ValueError("a user is in both arms")
    users = log.groupby("user_id").agg(arm=("arm", "first"), x=("clicked", "size"), y=("clicked", "sum"))
    control, treatment = users[users["arm"] == "control"], users[users["arm"] == "treatment"]
    if min(len(control), len(treatment)) < 2:
        raise ValueError("an arm has fewer than two users")
    total = len(users)
    srm = chisquare([len(control), len(treatment)], [total * (1 - treatment_share), total * treatment_share])
    if srm.pvalue < srm_alpha:
        raise ValueError("sample ratio mismatch")
    (rc, vc), (rt, vt) = _arm(control), _arm(treatment)
    se = math.sqrt(vc + vt)
    z = norm.ppf(0.5 + confidence / 2)
    diff = rt - rc
    return {
        "control_ctr": float(rc),
        "treatment_ctr": float(rt),
        "difference": float(diff),
        "interval": (float(diff - z * se), float(diff + z * se)),
        "p_value": float(2 * norm.cdf(-abs(diff) / se)),
        "srm_p_value": float(srm.pvalue),
    }
