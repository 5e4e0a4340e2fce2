"""Degenerate: flags every column and every test row."""


def find_leaks(train, labels, test, available_after, *, auc_threshold=0.95, tolerance=1e-6):
    return {"features": sorted(train.columns), "test_rows": list(range(len(test)))}
