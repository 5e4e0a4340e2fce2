"""Drops impressions whose weight exceeds the cap (weight 0) instead of counting them at the cap."""

import numpy as np

_reference = off_policy_value  # noqa: F821 - the solution's function


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight=10.0):
    _reference(actions, clicks, logging_probabilities, target_probabilities, max_weight=max_weight)  # its checks
    actions, clicks = np.asarray(actions), np.asarray(clicks, dtype=float)
    rows = np.arange(len(actions))
    weights = np.asarray(target_probabilities)[rows, actions] / np.asarray(logging_probabilities)[rows, actions]
    weights = np.where(weights > max_weight, 0.0, weights)
    return {"ips": float(np.mean(weights * clicks)), "snips": float(np.sum(weights * clicks) / np.sum(weights))}
