"""Averages the clicks of the impressions where the old policy showed the new policy's favourite item."""

import numpy as np

_reference = off_policy_value  # noqa: F821 - the solution's function


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight=10.0):
    _reference(actions, clicks, logging_probabilities, target_probabilities, max_weight=max_weight)  # its checks
    agree = np.asarray(target_probabilities).argmax(axis=1) == np.asarray(actions)
    rate = float(np.mean(np.asarray(clicks)[agree])) if agree.any() else 0.0
    return {"ips": rate, "snips": rate}
