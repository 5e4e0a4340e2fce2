"""Fills days_since_last with 0 when the user has no session before t, instead of leaving it missing."""

_reference = point_in_time_features  # noqa: F821 - the solution's function


def point_in_time_features(labelled, activity, *, windows=(7, 28)):
    result = _reference(labelled, activity, windows=windows)
    result["days_since_last"] = result["days_since_last"].fillna(0.0)
    return result
