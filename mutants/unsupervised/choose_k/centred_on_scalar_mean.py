"""Centres the points on the mean of all their coordinates, not on each column's mean, before finding the principal
axes of the gap statistic's reference box."""

import numpy as np


def _reference_box(points, rng):
    centred = points - points.mean()
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    rotated = centred @ axes.T
    return rng.uniform(rotated.min(axis=0), rotated.max(axis=0), size=rotated.shape)
