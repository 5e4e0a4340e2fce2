"""Flags columns whose names sound leaky ("id", "target", "future"...) instead of looking at their data."""

_reference = find_leaks  # noqa: F821 - the solution's function
SUSPICIOUS = ("id", "target", "label", "future", "outcome")


def find_leaks(train, labels, test, available_after, *, auc_threshold=0.95, tolerance=1e-6):
    result = _reference(train, labels, test, available_after, auc_threshold=auc_threshold, tolerance=tolerance)
    result["features"] = sorted(c for c in train.columns if any(word in c.lower() for word in SUSPICIOUS))
    return result
