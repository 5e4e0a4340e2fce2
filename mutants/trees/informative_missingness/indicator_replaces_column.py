"""Builds the indicators but drops the filled column they came from, losing the observed values."""

import numpy as np


def _matrix(frame, means, flagged):
    kept = [column for column in frame.columns if column not in flagged]
    return np.hstack([frame[kept].to_numpy(dtype=float), frame[flagged].isna().to_numpy(dtype=float)])
