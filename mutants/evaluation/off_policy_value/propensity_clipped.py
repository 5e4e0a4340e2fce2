"""Caps the propensity from below at 1 / max_weight instead of capping the weight itself."""

import numpy as np

_reference = off_policy_value  # noqa: F821 - the solution's function


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight=10.0):
    _reference(actions, clicks, logging_probabilities, target_probabilities, max_weight=max_weight)  # its checks
    actions, clicks = np.asarray(actions), np.asarray(clicks, dtype=float)
    rows = np.arange(len(actions))
    propensities = np.maximum(np.asarray(logging_probabilities)[rows, actions], 1 / max_weight)
    weights = np.asarray(target_probabilities)[rows, actions] / propensities
    return {"ips": float(np.mean(weights * clicks)), "snips": float(np.sum(weights * clicks) / np.sum(weights))}
