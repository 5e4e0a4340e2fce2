"""Uses one train/validation split instead of repeated cross-validation, so the interval rests on one number."""

_reference = ablate_feature_groups  # noqa: F821 - the solution's function


def ablate_feature_groups(features, labels, groups, *, n_splits=3, n_repeats=2, seed=0):
    return _reference(features, labels, groups, n_splits=2, n_repeats=1, seed=seed)
