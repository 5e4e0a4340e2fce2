"""Returns the right leaks, but the lists in reverse order rather than sorted."""

_reference = find_leaks  # noqa: F821 - the solution's function


def find_leaks(train, labels, test, available_after, *, auc_threshold=0.95, tolerance=1e-6):
    result = _reference(train, labels, test, available_after, auc_threshold=auc_threshold, tolerance=tolerance)
    return {"features": result["features"][::-1], "test_rows": result["test_rows"][::-1]}
