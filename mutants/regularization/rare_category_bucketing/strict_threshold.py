"""Keeps only categories seen more than min_count times: one seen exactly min_count times is bucketed."""

_reference_codes = _kept_codes  # noqa: F821 - the solution's helper


def _kept_codes(train_categories, min_count):
    return _reference_codes(train_categories, min_count + 1)
