"""Returns the right features with every sessions column first, then every minutes column: not the contract's order."""

_reference = point_in_time_features  # noqa: F821 - the solution's function


def point_in_time_features(labelled, activity, *, windows=(7, 28)):
    result = _reference(labelled, activity, windows=windows)
    order = [f"sessions_{w}d" for w in windows] + [f"minutes_{w}d" for w in windows] + ["days_since_last"]
    return result[order]
