"""Reads availability by position, assuming available_after lists the columns in the table's order."""

import numpy as np
import pandas as pd

_reference = find_leaks  # noqa: F821 - the solution's function


def find_leaks(train, labels, test, available_after, *, auc_threshold=0.95, tolerance=1e-6):
    aligned = pd.Series(np.asarray(available_after), index=train.columns)
    return _reference(train, labels, test, aligned, auc_threshold=auc_threshold, tolerance=tolerance)
