"""Counts categories over training and test rows together, so test rows decide what is rare."""

import numpy as np

_reference_codes = _kept_codes  # noqa: F821 - the solution's helper
_reference = bucket_categories  # noqa: F821


def bucket_categories(train_categories, test_categories, *, min_count):
    every_row = np.concatenate([np.asarray(train_categories), np.asarray(test_categories)])
    codes = _reference_codes(every_row, min_count)
    seen = set(np.asarray(train_categories))
    return _encode(np.asarray(train_categories), codes, seen), _encode(np.asarray(test_categories), codes, seen)  # noqa: F821
