"""Debug exercise: a fraud-style model trained on an undersample, and probabilities nobody can use.

A subscription service's churn model was trained on a balanced sample: every churner, and an equal
number of stayers drawn at random. Its scores rank customers well, but as probabilities they are
absurd — on the real customer base, where about 3% churn, it predicts a third of them will. A
colleague wrote the prior correction and a calibration check; this code runs but its numbers are
wrong; find and fix the bugs.

Contract:
- ``correct_prior(scores, *, sample_rate, population_rate)``: ``scores`` are probabilities from a
  model fitted where positives made up ``sample_rate`` of the rows; the population's base rate is
  ``population_rate``. Undo the sampling on the odds: multiply each score's odds ``s / (1 - s)``
  by ``(population_rate / (1 - population_rate)) / (sample_rate / (1 - sample_rate))`` and turn
  the result back into a probability. Scores of exactly 0 or 1 stay 0 or 1. Return a float array.
  Raise ValueError unless both rates are strictly between 0 and 1.
- ``calibration_in_the_large(labels, probabilities)``: the mean predicted probability minus the
  observed rate of positives, a float. Positive means the model over-forecasts.

Graded (on held-out labels): the corrected probabilities exactly; their mean close to the observed
churn rate; the ranking unchanged; the Brier score several times better, and better than giving
everyone the churn rate; the calibration gap exactly, with its sign; the identity when the two
rates are equal; rates of 0 or less, or 1 or more, refused.
"""

import numpy as np


def correct_prior(scores, *, sample_rate: float, population_rate: float) -> np.ndarray:
    """Return ``scores`` corrected from the training sample's base rate to the population's.

    Args:
        scores: probabilities from the model trained on the sample.
        sample_rate: the share of positives in the training sample, in (0, 1).
        population_rate: the share of positives in the population, in (0, 1).

    Returns:
        A float array of corrected probabilities.

    Raises:
        ValueError: if a rate is not strictly between 0 and 1.

    Example:
        >>> correct_prior([0.5], sample_rate=0.5, population_rate=0.2).round(3).tolist()
        [0.2]
    """
    ### BEGIN SOLUTION
    for name, rate in (("sample_rate", sample_rate), ("population_rate", population_rate)):
        if not 0 < rate < 1:
            raise ValueError(f"{name} must be strictly between 0 and 1, got {rate}")
    scores = np.asarray(scores, dtype=float)
    factor = (population_rate / (1 - population_rate)) / (sample_rate / (1 - sample_rate))
    return scores * factor / (scores * factor + (1 - scores))
    ### END SOLUTION
    ### BEGIN STUB
    # scores = np.asarray(scores, dtype=float)
    # # undo the undersampling on the odds
    # factor = (sample_rate / (1 - sample_rate)) / (population_rate / (1 - population_rate))
    # odds = scores / (1 - scores) * factor
    # return odds / (1 + odds)
    ### END STUB


def calibration_in_the_large(labels, probabilities) -> float:
    """Return the mean predicted probability minus the observed positive rate.

    Example:
        >>> calibration_in_the_large([0, 0, 0, 1], [0.2, 0.2, 0.4, 0.8])
        0.15000000000000002
    """
    ### BEGIN SOLUTION
    return float(np.mean(probabilities) - np.mean(labels))
    ### END SOLUTION
    ### BEGIN STUB
    # return float(np.mean(labels) - np.mean(probabilities))
    ### END STUB
