"""Precision and recall at an operating point, with bootstrap intervals that respect the days.

A card fraud model alerts on every transaction scoring at or above a threshold. Before the fraud
team commits to it, they want its precision and recall on the last weeks of labelled traffic, each
with a 95% confidence interval. Fraud comes in waves: some days bring far more fraud, or harder
fraud, or more false alarms than others, so rows from the same day are not independent. Resample
whole days.

Contract — ``operating_point_ci(scores, labels, days, threshold, *, n_resamples=1000,
confidence=0.95, seed=0)``:
- A transaction is alerted when ``score >= threshold``. ``precision`` = alerted frauds / alerts;
  ``recall`` = alerted frauds / frauds; both on all rows, as Python floats.
- Intervals come from a percentile bootstrap over days: each of ``n_resamples`` resamples draws as
  many days as there are distinct days, uniformly with replacement, and takes all rows of each drawn
  day (a day drawn twice counts twice). The interval is the ``(1 - confidence) / 2`` and
  ``(1 + confidence) / 2`` quantiles of the resampled metric (``np.quantile``'s default
  interpolation). A resample where a metric is undefined (no alerts for precision, no frauds for
  recall) is left out of that metric's quantiles.
- The randomness comes only from ``seed`` (use ``np.random.default_rng(seed)``): the same call
  gives the same intervals, whatever else uses numpy's random numbers meanwhile.
- Returns a dict with keys ``precision``, ``recall``, ``precision_interval`` and
  ``recall_interval``, the intervals as ``(low, high)`` tuples of floats.
- Raises ValueError when the inputs differ in length, nothing is alerted or there is no fraud
  (the point estimates are undefined), ``n_resamples < 1`` or ``confidence`` is not in (0, 1).

Graded: exact point estimates; intervals that contain them; reproducible for a seed, and another
seed draws other resamples; as wide as a day-level bootstrap (a row-level bootstrap or a textbook
binomial interval is far too narrow when days differ); every day equally likely in each draw; zero
width when every day is an exact copy of the others; narrower with more days; bounds interpolated as
``np.quantile`` does by default; resamples where a metric is undefined left out, and only those;
ValueError where the docstring asks for it.
"""

import numpy as np
import pandas as pd


def operating_point_ci(
    scores, labels, days, threshold: float, *, n_resamples: int = 1000, confidence: float = 0.95, seed: int = 0
) -> dict:
    """Return precision and recall at ``threshold`` with day-level bootstrap intervals.

    Args:
        scores: fraud scores, one per transaction.
        labels: 1 for fraud, 0 otherwise, aligned with ``scores``.
        days: the day of each transaction, aligned with ``scores``: labels of one kind that sort,
            such as dates or day numbers, none missing.
        threshold: alert when ``score >= threshold``.
        n_resamples: bootstrap resamples (>= 1).
        confidence: the interval's coverage, in (0, 1).
        seed: seed for ``np.random.default_rng``.

    Returns:
        ``{"precision": p, "recall": r, "precision_interval": (lo, hi), "recall_interval": (lo, hi)}``.

    Raises:
        ValueError: on misaligned inputs, no alerts, no fraud, or invalid ``n_resamples`` or
            ``confidence``.

    Example:
        >>> result = operating_point_ci([0.9, 0.2, 0.8, 0.7], [1, 0, 1, 0], [1, 1, 2, 2], 0.5)
        >>> result["precision"], result["recall"]
        (0.6666666666666666, 1.0)
    """
    # TODO: write operating_point_ci as its docstring describes.
    raise NotImplementedError("operating_point_ci is not written yet")
