"""Degenerate: returns the lowest score, alerting every transaction whatever the capacity."""


def pick_threshold(scores, days, capacity):
    if len(scores) != len(days) or capacity < 0:
        raise ValueError("invalid input")
    return float(min(scores))
