"""Refuses smoothing=0 along with negative smoothing, although the contract allows it (no smoothing at all)."""

_reference = oof_target_encode  # noqa: F821 - the solution's function


def oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing=10.0):
    if smoothing <= 0:
        raise ValueError(f"smoothing must be positive, got {smoothing}")
    return _reference(train_categories, train_labels, test_categories, folds=folds, smoothing=smoothing)
