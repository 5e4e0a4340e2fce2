"""Refuses min_count=1 as well, although a category seen once may keep its own code: only min_count < 1 is invalid."""

import numpy as np


def bucket_categories(train_categories, test_categories, *, min_count):
    if min_count <= 1:
        raise ValueError(f"min_count must be above 1, got {min_count}")
    train_categories = np.asarray(train_categories)
    codes = _kept_codes(train_categories, min_count)  # noqa: F821 - the solution's helper
    seen = set(train_categories)
    return _encode(train_categories, codes, seen), _encode(np.asarray(test_categories), codes, seen)  # noqa: F821
