"""Fills every blank with zero (an income of 0) beside the indicator, instead of the training mean."""

import numpy as np


def _matrix(frame, means, flagged):
    return np.hstack([frame.fillna(0).to_numpy(dtype=float), frame[flagged].isna().to_numpy(dtype=float)])
