"""Reports the logged click rate for both estimates: the old policy's value, not the new one's."""

import numpy as np

_reference = off_policy_value  # noqa: F821 - the solution's function


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight=10.0):
    _reference(actions, clicks, logging_probabilities, target_probabilities, max_weight=max_weight)  # its checks
    rate = float(np.mean(clicks))
    return {"ips": rate, "snips": rate}
