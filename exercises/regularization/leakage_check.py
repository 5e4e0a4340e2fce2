"""A leakage checker: features and rows that would make a validation score lie.

A model's validation AUC is suspiciously high. Before anyone celebrates, check the feature table
for the classic leaks. The columns have anonymous names (``f00``, ``f01``, ...): judge them by
their data and metadata, never by their names.

Contract — ``find_leaks(train, labels, test, available_after, *, auc_threshold=0.95, tolerance=1e-6)``:
- ``train`` and ``test`` share the same numeric feature columns; ``labels`` are the training rows'
  0/1 labels; ``available_after`` gives, for each column, how many hours after the prediction time
  its value becomes known (negative: before).
- A feature leaks when either
  - it is known only after the prediction time (``available_after > 0``), or
  - on its own it separates the training labels almost perfectly, in either direction: its
    single-feature ROC-AUC ``a`` satisfies ``max(a, 1 - a) >= auc_threshold``. (This catches label
    proxies, inverted proxies and IDs handed out in label order; a legitimately strong feature, with
    an AUC around 0.8, is not a leak.)
- A test row leaks when some training row has the same value, within ``tolerance`` (absolute), in
  every feature column: an exact or near duplicate shared by training and test. Compare contents,
  never index labels.
- Return ``{"features": [...], "test_rows": [...]}``: the leaking column names sorted, and the
  leaking test rows as sorted integer positions (0 to len(test) - 1).

Graded: exactly the planted leaks flagged and no decoy, over seeds; the same verdict when columns are
renamed and reordered; duplicates found by content whatever the index says; both lists sorted; on a
hand-made table, an AUC exactly at the threshold (either way), a column known exactly at the
prediction time, and differences exactly at the tolerance.
"""

import numpy as np
import pandas as pd


def find_leaks(
    train: pd.DataFrame,
    labels,
    test: pd.DataFrame,
    available_after: pd.Series,
    *,
    auc_threshold: float = 0.95,
    tolerance: float = 1e-6,
) -> dict:
    """Return the leaking features and the test rows duplicated from training.

    Args:
        train: training features (numeric columns).
        labels: 0/1 training labels.
        test: test features, same columns.
        available_after: hours after the prediction time at which each column is known.
        auc_threshold: single-feature AUC (either direction) at which a feature counts as a proxy.
        tolerance: the largest absolute difference, per column, between duplicate rows.

    Returns:
        ``{"features": sorted column names, "test_rows": sorted test row positions}``.

    Example:
        >>> train = pd.DataFrame({"a": [0.0, 1.0, 0.1, 0.9], "b": [3.0, 1.0, 2.0, 5.0]})
        >>> test = pd.DataFrame({"a": [0.0, 0.5], "b": [3.0, 4.0]})
        >>> find_leaks(train, [0, 1, 0, 1], test, pd.Series({"a": -1.0, "b": 2.0}))
        {'features': ['a', 'b'], 'test_rows': [0]}
    """
    # TODO: write find_leaks as its docstring describes.
    raise NotImplementedError("find_leaks is not written yet")
