"""Finds train/test duplicates by shared index labels instead of by the rows' contents."""

import numpy as np

_reference = find_leaks  # noqa: F821 - the solution's function


def find_leaks(train, labels, test, available_after, *, auc_threshold=0.95, tolerance=1e-6):
    result = _reference(train, labels, test, available_after, auc_threshold=auc_threshold, tolerance=tolerance)
    result["test_rows"] = [int(i) for i in np.flatnonzero(test.index.isin(train.index))]
    return result
