"""Refuses only a negative min_count, so min_count=0 is accepted although the contract asks for at least 1."""

import numpy as np


def bucket_categories(train_categories, test_categories, *, min_count):
    if min_count < 0:
        raise ValueError(f"min_count must not be negative, got {min_count}")
    train_categories = np.asarray(train_categories)
    codes = _kept_codes(train_categories, min_count)  # noqa: F821 - the solution's helper
    seen = set(train_categories)
    return _encode(train_categories, codes, seen), _encode(np.asarray(test_categories), codes, seen)  # noqa: F821
