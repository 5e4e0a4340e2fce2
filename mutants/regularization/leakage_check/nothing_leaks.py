"""Degenerate: reports no leaking feature and no shared row."""


def find_leaks(train, labels, test, available_after, *, auc_threshold=0.95, tolerance=1e-6):
    return {"features": [], "test_rows": []}
