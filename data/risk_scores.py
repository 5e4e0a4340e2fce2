"""A credit-risk model that is overconfident, with the splits it was trained and checked on."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require


@generator
def make_overconfident_scores(
    *, n_train: int = 6000, n_calibration: int = 2000, n_test: int = 5000, seed: int
) -> tuple:
    """``(scored, test_scores, test_labels)``: a model's default scores and the truth.

    ``scored`` is a DataFrame with columns ``split`` (``"train"`` or ``"calibration"``), ``score``
    and ``label`` (0/1): the model was fit on the train rows; the calibration rows are held out.

    Planted truths:
    - every row has a true default probability ``sigmoid(z)``, z ~ Normal(-1.2, 1.3); its label is
      drawn from it;
    - on held-out rows (calibration and test) the model scores ``sigmoid(2.5 z + noise)``: the
      ranking is informative but the probabilities are overconfident, so a monotone map fitted on
      the calibration rows improves the test Brier score and calibration error by a wide margin;
    - on the train rows the model has memorised the labels (scores pushed towards 0 or 1 by the
      label itself), so a map fitted there learns the wrong correction and does not help on test;
    - scores are continuous (no ties); rows are in random order within ``scored``.
    """
    for name, size in (("n_train", n_train), ("n_calibration", n_calibration), ("n_test", n_test)):
        require(size >= 100, f"{name} must be at least 100, got {size}")
    rng = np.random.default_rng(seed)

    def rows(size: int, memorised: bool):
        z = rng.normal(-1.2, 1.3, size)
        labels = (rng.random(size) < 1 / (1 + np.exp(-z))).astype(int)
        logit = 2.5 * z + rng.normal(0, 0.8, size) + (4.0 * (2 * labels - 1) if memorised else 0.0)
        return 1 / (1 + np.exp(-logit)), labels

    train_scores, train_labels = rows(n_train, memorised=True)
    calibration_scores, calibration_labels = rows(n_calibration, memorised=False)
    test_scores, test_labels = rows(n_test, memorised=False)
    scored = pd.DataFrame(
        {
            "split": ["train"] * n_train + ["calibration"] * n_calibration,
            "score": np.r_[train_scores, calibration_scores],
            "label": np.r_[train_labels, calibration_labels],
        }
    )
    scored = scored.iloc[rng.permutation(len(scored))].reset_index(drop=True)
    return scored, test_scores, test_labels
