"""Gathers the logged item's probabilities with np.take_along_axis; np.clip caps, np.average self-normalises."""

import numpy as np


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight=10.0):
    actions = np.asarray(actions, dtype=int).reshape(-1, 1)
    clicks = np.asarray(clicks, dtype=float)
    old, new = np.asarray(logging_probabilities, dtype=float), np.asarray(target_probabilities, dtype=float)
    if actions.size == 0 or not actions.shape[0] == clicks.shape[0] == old.shape[0] or old.shape != new.shape:
        raise ValueError("the logs are empty or misaligned")
    if ((actions < 0) | (actions >= old.shape[1])).any():
        raise ValueError("an action is not one of the items")
    for probabilities in (old, new):
        if probabilities.min() < 0 or not np.allclose(probabilities.sum(axis=1), 1, rtol=0, atol=1e-6):
            raise ValueError("a row is not a probability distribution")
    if not max_weight > 0:
        raise ValueError("max_weight must be positive")
    propensity = np.take_along_axis(old, actions, axis=1).ravel()
    if not propensity.all():
        raise ValueError("a logged item could not have been shown")
    weights = np.clip(np.take_along_axis(new, actions, axis=1).ravel() / propensity, None, max_weight)
    if not weights.any():
        raise ValueError("every weight is zero")
    return {"ips": float(np.mean(weights * clicks)), "snips": float(np.average(clicks, weights=weights))}
