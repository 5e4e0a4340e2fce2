"""Refuses n_resamples=1 (checks n_resamples <= 1), though the docstring allows any n_resamples >= 1."""

_reference = operating_point_ci  # noqa: F821 - the solution's function


def operating_point_ci(scores, labels, days, threshold, *, n_resamples=1000, confidence=0.95, seed=0):
    if n_resamples <= 1:
        raise ValueError("n_resamples must be more than 1")
    return _reference(scores, labels, days, threshold, n_resamples=n_resamples, confidence=confidence, seed=seed)
