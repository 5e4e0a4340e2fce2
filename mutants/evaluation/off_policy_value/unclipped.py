"""Never caps the importance weights, whatever max_weight says."""

import math

_reference = off_policy_value  # noqa: F821 - the solution's function


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight=10.0):
    cap = math.inf if max_weight > 0 else max_weight
    return _reference(actions, clicks, logging_probabilities, target_probabilities, max_weight=cap)
