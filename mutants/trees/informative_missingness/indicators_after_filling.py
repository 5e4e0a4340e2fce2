"""Fills the blanks first and builds the indicators afterwards, from frames that no longer have a blank."""

import numpy as np


def _matrix(frame, means, flagged):
    filled = frame.fillna(means)
    return np.hstack([filled.to_numpy(dtype=float), filled[flagged].isna().to_numpy(dtype=float)])
