"""Calibrating an overconfident risk model, and measuring calibration with equal-count bins.

A lender's default model ranks applicants well, but its probabilities are overconfident: when it
says 2% the truth is nearer 8%, and its 95% cases default far less often. Pricing uses the
probabilities, so they must be fixed without retraining the model. You have the model's scores and
the outcomes on the rows it was trained on and on a held-out calibration split.

Write two functions.

``calibration_error(labels, probabilities, *, n_bins=10)`` — expected calibration error with
quantile bins, so that every bin holds about the same number of rows (equal-width bins leave most
bins nearly empty when probabilities crowd near 0). The bin edges are the quantiles of the
probabilities at 0, 1/n_bins, 2/n_bins, ..., 1 (``np.quantile``'s default linear interpolation).
A row belongs to the bin whose interval (lower edge, upper edge] holds its probability; the first
bin also takes the smallest probability. Rows with equal probabilities therefore always share a
bin, and bins that ties leave empty are skipped. Return the sum over bins of
(rows in the bin / all rows) * |mean label - mean probability| in the bin. Raise ValueError when
the lengths differ, the input is empty, or ``n_bins < 1``.

``calibrate_scores(scored, test_scores)`` — ``scored`` is a DataFrame with columns ``split``
(``"train"`` or ``"calibration"``), ``score`` and ``label``. Fit a monotone non-decreasing map from
score to probability on the calibration rows only — the model has seen the train rows, so its scores
there are not representative — and return the calibrated probabilities of ``test_scores``: a float
array of the same length, values in [0, 1]. Platt scaling (a logistic regression on the score or its
logit) and isotonic regression are both fine; a higher score must never get a lower probability.

Graded (on held-out labels the functions never see): calibration_error exactly, on generated and
hand-made cases; calibrated test probabilities that improve the Brier score and the calibration
error as much as a correct calibration does, that are monotone in the score and within [0, 1], and
that keep the model's ranking; ValueError where the docstring asks for it.
"""

import numpy as np
import pandas as pd


def calibration_error(labels, probabilities, *, n_bins: int = 10) -> float:
    """Return the expected calibration error of ``probabilities`` with ``n_bins`` equal-count bins.

    Args:
        labels: 0/1 outcomes.
        probabilities: predicted probabilities, aligned with ``labels``.
        n_bins: the number of quantile bins (>= 1).

    Returns:
        A float in [0, 1].

    Raises:
        ValueError: if the lengths differ, the input is empty, or ``n_bins < 1``.

    Example:
        >>> calibration_error([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.8], n_bins=2)
        0.25
    """
    # TODO: write calibration_error as its docstring describes.
    raise NotImplementedError("calibration_error is not written yet")


def calibrate_scores(scored: pd.DataFrame, test_scores) -> np.ndarray:
    """Return calibrated probabilities for ``test_scores``, from a monotone map fitted on calibration rows.

    Args:
        scored: columns ``split`` ("train" or "calibration"), ``score``, ``label`` (0/1).
        test_scores: the model's scores on new rows.

    Returns:
        A float array with one probability in [0, 1] per test score.

    Example:
        >>> scored = pd.DataFrame({"split": ["calibration"] * 4, "score": [0.1, 0.2, 0.8, 0.9], "label": [0, 1, 0, 1]})
        >>> low, high = calibrate_scores(scored, [0.15, 0.85])
        >>> bool(0 <= low <= high <= 1)
        True
    """
    # TODO: write calibrate_scores as its docstring describes.
    raise NotImplementedError("calibrate_scores is not written yet")
