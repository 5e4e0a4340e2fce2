"""Counts an impression only when the logged item is the new policy's favourite, as if the new policy were greedy."""

import numpy as np

_reference = off_policy_value  # noqa: F821 - the solution's function


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight=10.0):
    _reference(actions, clicks, logging_probabilities, target_probabilities, max_weight=max_weight)  # its checks
    actions, clicks, target = np.asarray(actions), np.asarray(clicks, dtype=float), np.asarray(target_probabilities)
    rows = np.arange(len(actions))
    favourite = (target.argmax(axis=1) == actions).astype(float)
    weights = np.minimum(
        favourite * target[rows, actions] / np.asarray(logging_probabilities)[rows, actions], max_weight
    )
    return {"ips": float(np.mean(weights * clicks)), "snips": float(np.sum(weights * clicks) / np.sum(weights))}
