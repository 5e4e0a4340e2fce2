"""Flags a feature known exactly at the prediction time (available_after = 0) as late: uses >= 0 instead of > 0."""

import numpy as np
import pandas as pd

_reference = find_leaks  # noqa: F821 - the solution's function


def find_leaks(train, labels, test, available_after, *, auc_threshold=0.95, tolerance=1e-6):
    nudged = pd.Series(np.where(available_after >= 0, 1.0, available_after), index=available_after.index)
    return _reference(train, labels, test, nudged, auc_threshold=auc_threshold, tolerance=tolerance)
