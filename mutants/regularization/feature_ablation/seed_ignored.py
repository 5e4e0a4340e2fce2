"""Ignores the seed argument and always splits with random_state=0."""

_reference = ablate_feature_groups  # noqa: F821 - the solution's function


def ablate_feature_groups(features, labels, groups, *, n_splits=3, n_repeats=2, seed=0):
    return _reference(features, labels, groups, n_splits=n_splits, n_repeats=n_repeats, seed=0)
