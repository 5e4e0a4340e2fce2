"""Leave-one-out encoding: every other training row, in any fold, informs a row's encoding."""

import numpy as np
import pandas as pd

_reference = oof_target_encode  # noqa: F821 - the solution's function


def oof_target_encode(train_categories, train_labels, test_categories, *, folds, smoothing=10.0):
    _, test_encoded = _reference(train_categories, train_labels, test_categories, folds=folds, smoothing=smoothing)
    frame = pd.DataFrame({"c": np.asarray(train_categories), "y": np.asarray(train_labels, dtype=float)})
    sums = frame.groupby("c")["y"].transform("sum") - frame["y"]
    counts = frame.groupby("c")["y"].transform("count") - 1
    prior = (frame["y"].sum() - frame["y"]) / (len(frame) - 1)
    return ((sums + smoothing * prior) / (counts + smoothing)).fillna(prior).to_numpy(), test_encoded
