"""Computes the estimates without checking the inputs: impossible logs get numbers instead of ValueError."""

import numpy as np


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight=10.0):
    actions, clicks = np.asarray(actions), np.asarray(clicks, dtype=float)
    rows = np.arange(len(actions))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.asarray(target_probabilities)[rows, actions] / np.asarray(logging_probabilities)[rows, actions]
    weights = np.minimum(np.nan_to_num(ratios), max_weight)
    return {"ips": float(np.mean(weights * clicks)), "snips": float(np.sum(weights * clicks) / np.sum(weights))}
