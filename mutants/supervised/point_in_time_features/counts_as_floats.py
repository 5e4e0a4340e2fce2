"""Returns the session counts as floats, where the contract asks for int columns."""

_reference = point_in_time_features  # noqa: F821 - the solution's function


def point_in_time_features(labelled, activity, *, windows=(7, 28)):
    result = _reference(labelled, activity, windows=windows)
    return result.astype({f"sessions_{w}d": float for w in windows})
