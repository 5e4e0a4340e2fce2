"""Degenerate: fixed estimates and the whole [0, 1] as every interval, with the input checks in place."""

_reference = operating_point_ci  # noqa: F821 - the solution's function


def operating_point_ci(scores, labels, days, threshold, *, n_resamples=1000, confidence=0.95, seed=0):
    _reference(scores, labels, days, threshold, n_resamples=1, confidence=confidence, seed=seed)
    return {"precision": 0.5, "recall": 0.5, "precision_interval": (0.0, 1.0), "recall_interval": (0.0, 1.0)}
