"""Draws the gap statistic's reference data in the axis-aligned bounding box, not along the principal axes."""


def _reference_box(points, rng):
    return rng.uniform(points.min(axis=0), points.max(axis=0), size=points.shape)
