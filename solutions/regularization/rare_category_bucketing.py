"""Debug exercise: rare-category bucketing that peeks at the test set.

Before a click model sees campaign IDs, rare IDs are merged into one bucket so the model cannot
memorise them, and IDs never seen in training get a bucket of their own so the model can tell "rare"
from "new". A colleague's ``bucket_categories`` runs but its numbers are wrong; find and fix the
bugs so that it meets the contract.

Contract — ``bucket_categories(train_categories, test_categories, *, min_count)``:
- Counts come from the training categories only.
- A category seen at least ``min_count`` times in training keeps a code of its own. Kept categories
  are numbered 0, 1, 2, ... by decreasing training count, ties broken by the category's name in
  ascending order — so the codes never depend on row order.
- With ``k`` kept categories, every category seen in training fewer than ``min_count`` times gets
  code ``k`` (the rare bucket), and every category never seen in training gets code ``k + 1``
  (the unseen bucket), whether or not it is frequent in the test rows.
- Return ``(train_codes, test_codes)``: two int arrays aligned with the inputs.
- Raise ValueError when ``min_count < 1``.

Graded: exact codes on a generated click log; the training codes and mapping unchanged whatever the
test rows are; the same codes whatever the order of the training rows; rare and unseen kept apart;
the ``min_count`` boundary; int arrays; ``min_count=0`` refused and ``min_count=1`` accepted.
"""

import numpy as np
import pandas as pd

### BEGIN SOLUTION


def _kept_codes(train_categories: np.ndarray, min_count: int) -> dict:
    counts = pd.Series(train_categories).value_counts()
    kept = counts[counts >= min_count]
    ordered = sorted(kept.index, key=lambda category: (-kept[category], str(category)))
    return {category: code for code, category in enumerate(ordered)}


def _encode(categories: np.ndarray, codes: dict, seen: set) -> np.ndarray:
    rare, unseen = len(codes), len(codes) + 1
    return np.array([codes.get(c, rare if c in seen else unseen) for c in categories], dtype=int)


### END SOLUTION


def bucket_categories(train_categories, test_categories, *, min_count: int):
    """Return integer codes for training and test categories, with rare and unseen buckets.

    Args:
        train_categories: the category of each training row.
        test_categories: the category of each test row.
        min_count: the fewest training rows a category needs to keep its own code (>= 1).

    Returns:
        ``(train_codes, test_codes)``, int arrays.

    Raises:
        ValueError: if ``min_count < 1``.

    Example:
        >>> bucket_categories(["b", "a", "b", "a", "c"], ["a", "c", "z"], min_count=2)
        (array([1, 0, 1, 0, 2]), array([0, 2, 3]))
    """
    ### BEGIN SOLUTION
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    train_categories = np.asarray(train_categories)
    codes = _kept_codes(train_categories, min_count)
    seen = set(train_categories)
    return _encode(train_categories, codes, seen), _encode(np.asarray(test_categories), codes, seen)
    ### END SOLUTION
    ### BEGIN STUB
    # every_row = pd.Series(np.concatenate([train_categories, test_categories]))
    # counts = every_row.value_counts(sort=False)
    # codes = {}
    # for category, count in counts.items():
    #     if count >= min_count:
    #         codes[category] = len(codes)
    # rare = len(codes)
    # train_codes = np.array([codes.get(c, rare) for c in train_categories])
    # test_codes = np.array([codes.get(c, rare) for c in test_categories])
    # return train_codes, test_codes
    ### END STUB
