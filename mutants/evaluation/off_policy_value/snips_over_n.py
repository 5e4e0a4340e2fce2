"""Normalises the self-normalised estimate by the number of impressions, which makes it IPS again."""

_reference = off_policy_value  # noqa: F821 - the solution's function


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight=10.0):
    result = _reference(actions, clicks, logging_probabilities, target_probabilities, max_weight=max_weight)
    return {"ips": result["ips"], "snips": result["ips"]}
