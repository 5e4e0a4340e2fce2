"""Drops a group whenever its mean change is positive, ignoring the interval: noise decides."""

_reference = ablate_feature_groups  # noqa: F821 - the solution's function


def ablate_feature_groups(features, labels, groups, *, n_splits=3, n_repeats=2, seed=0):
    result = _reference(features, labels, groups, n_splits=n_splits, n_repeats=n_repeats, seed=seed)
    result["drop"] = result["mean_change"] > 0
    return result
