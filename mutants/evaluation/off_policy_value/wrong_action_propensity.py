"""Divides by the old policy's probability of the new policy's favourite item, not of the item it logged."""

import numpy as np

_reference = off_policy_value  # noqa: F821 - the solution's function


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight=10.0):
    _reference(actions, clicks, logging_probabilities, target_probabilities, max_weight=max_weight)  # its checks
    actions, clicks, target = np.asarray(actions), np.asarray(clicks, dtype=float), np.asarray(target_probabilities)
    rows = np.arange(len(actions))
    propensities = np.asarray(logging_probabilities)[rows, target.argmax(axis=1)]
    weights = np.minimum(target[rows, actions] / propensities, max_weight)
    return {"ips": float(np.mean(weights * clicks)), "snips": float(np.sum(weights * clicks) / np.sum(weights))}
