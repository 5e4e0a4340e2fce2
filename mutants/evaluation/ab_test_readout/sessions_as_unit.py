"""Treats sessions as independent: a binomial variance over the arm's sessions instead of one over users."""


def _arm_rate_and_variance(per_user):
    sessions, clicks = per_user["sessions"].sum(), per_user["clicks"].sum()
    rate = clicks / sessions
    return float(rate), float(rate * (1 - rate) / sessions)
