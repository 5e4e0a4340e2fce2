"""Out-of-fold target encoding with smoothing, for a click model with rare campaign IDs.

An ads platform predicts clicks. The campaign ID is a strong feature but has thousands of levels,
most seen a handful of times. Target encoding replaces each ID with its click rate; done naively,
a training row's own click leaks into its own feature, and a model trained on it learns to trust
rare IDs that will not repeat. Encode the training rows out of fold, and smooth rare IDs towards the
overall rate.

Contract — ``oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing)``:
- ``folds`` gives each training row its fold number (any integers). A training row in fold k is
  encoded with statistics from the training rows of the *other* folds only.
- Fitted on a set of rows R, the encoding of category c is
  ``(sum of labels of c in R + smoothing * prior) / (count of c in R + smoothing)``, where ``prior``
  is the mean label over R. A category absent from R is encoded as ``prior``.
- Test rows are encoded with statistics from all training rows.
- Return ``(train_encoded, test_encoded)``: two float arrays aligned with their inputs.
- Raise ValueError when ``smoothing`` is negative or the lengths of the training inputs differ.

Graded: exact values with the grader's folds and smoothing, and with fold numbers such as -1, 3
and 40; flipping one fold's labels never changes those rows' own encodings (and does change the
other folds'); a random, nearly unique ID carries no signal out of fold, an ID with a click rate of
its own does; stronger smoothing pulls rare IDs towards the prior; unseen test categories get the
training prior; the ValueErrors above.
"""

import numpy as np
import pandas as pd

### BEGIN SOLUTION


def _fit(categories: np.ndarray, labels: np.ndarray, smoothing: float) -> tuple[pd.Series, float]:
    """The smoothed encoding of each category seen in these rows, and their prior."""
    prior = float(labels.mean())
    stats = pd.DataFrame({"c": categories, "y": labels}).groupby("c")["y"].agg(["sum", "count"])
    return (stats["sum"] + smoothing * prior) / (stats["count"] + smoothing), prior


def _apply(encoding: pd.Series, prior: float, categories: np.ndarray) -> np.ndarray:
    return pd.Series(categories).map(encoding).fillna(prior).to_numpy(dtype=float)


### END SOLUTION


def oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing: float = 10.0):
    """Return out-of-fold encodings of the training rows and full-fit encodings of the test rows.

    Args:
        train_categories: the category of each training row.
        train_labels: 0/1 labels of the training rows.
        test_categories: the category of each test row.
        folds: fold number of each training row.
        smoothing: weight of the prior, in rows (>= 0).

    Returns:
        ``(train_encoded, test_encoded)``, float arrays.

    Example:
        >>> train_encoded, test_encoded = oof_target_encode(
        ...     ["a", "a", "b", "b"], [1, 0, 1, 1], ["a", "z"], folds=[0, 1, 0, 1], smoothing=0.0)
        >>> train_encoded.tolist(), test_encoded.tolist()
        ([0.0, 1.0, 1.0, 1.0], [0.5, 0.75])
    """
    ### BEGIN SOLUTION
    categories = np.asarray(train_categories)
    labels = np.asarray(train_labels, dtype=float)
    folds = np.asarray(folds)
    if smoothing < 0:
        raise ValueError(f"smoothing must be >= 0, got {smoothing}")
    if not len(categories) == len(labels) == len(folds):
        raise ValueError("train_categories, train_labels and folds must have the same length")
    train_encoded = np.empty(len(categories))
    for fold in np.unique(folds):
        inside = folds == fold
        encoding, prior = _fit(categories[~inside], labels[~inside], smoothing)
        train_encoded[inside] = _apply(encoding, prior, categories[inside])
    encoding, prior = _fit(categories, labels, smoothing)
    return train_encoded, _apply(encoding, prior, np.asarray(test_categories))
    ### END SOLUTION
