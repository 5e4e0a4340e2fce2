"""External validation: do the customer segments differ in what the business cares about?

A subscription app has segmented its trial users by behaviour. Segments are only worth a strategy
each if they differ in an outcome nobody used to build them — here, whether the trial converted
to a paid plan. Report every segment's conversion rate with an interval, and which segments
convert differently from everybody else, without crying wolf: with six segments, six tests at 5%
find "something" far more often than 5% of the time.

Contract — ``conversion_by_cluster(labels, converted, *, alpha=0.05)``:
- ``labels``: each user's segment (ints or strings); ``converted``: 0/1 per user, aligned by
  position. Let m be the number of segments.
- For each segment c: ``size``, ``conversions`` and ``rate = conversions / size``.
- The test compares c with all *other* users: the two-sided two-proportion z-test with the pooled
  rate p = (all conversions) / (all users):
  ``z = (rate_c - rate_rest) / sqrt(p * (1 - p) * (1 / size_c + 1 / size_rest))``, raw p-value
  ``2 * (1 - Phi(|z|))``. When p is 0 or 1 (nobody or everybody converted) the raw p-value is 1.
- Multiple comparisons: Bonferroni. ``p_value`` is the adjusted ``min(1, m * raw p-value)`` and
  ``significant`` is ``p_value < alpha``.
- The interval is the Wilson score interval for ``rate`` at the matching simultaneous level
  ``1 - alpha / m``: with ``z* = Phi^-1(1 - alpha / (2 m))``,
  ``centre = (rate + z*^2 / (2 n)) / (1 + z*^2 / n)`` and
  ``half = z* / (1 + z*^2 / n) * sqrt(rate * (1 - rate) / n + z*^2 / (4 n^2))``; ``low`` and
  ``high`` are centre -/+ half (n is the segment's size).
- Return a DataFrame with columns ``cluster, size, conversions, rate, low, high, p_value,
  significant``, one row per segment, sorted by segment, with a fresh 0..m-1 index.
- Raise ValueError when the lengths differ, ``converted`` holds anything but 0 and 1, there are
  fewer than 2 segments, or ``alpha`` is not strictly between 0 and 1.

Graded: planted differences (one segment converting at about twice the base rate, one at about a third) are
flagged; every figure exact (rates, intervals, adjusted p-values, flags) on segmented users with and
without planted differences; a segment whose raw p-value is about 0.01 among eight is *not*
flagged; an interval that stays sensible for a segment where nobody converted; 2 segments where
nobody, or everybody, converted (p-values 1); ValueError on bad input, alpha of 0 and 1 included.
"""

import numpy as np
import pandas as pd
from scipy.stats import norm


def conversion_by_cluster(labels, converted, *, alpha: float = 0.05) -> pd.DataFrame:
    """Return each segment's conversion rate, Wilson interval and Bonferroni-adjusted test against the rest.

    Args:
        labels: the segment of each user (ints or strings).
        converted: 0/1 per user, aligned with ``labels``.
        alpha: the family-wise error rate, strictly between 0 and 1.

    Returns:
        A DataFrame with columns cluster, size, conversions, rate, low, high, p_value (adjusted)
        and significant, one row per segment, sorted by segment.

    Raises:
        ValueError: if the lengths differ, ``converted`` is not 0/1, there are fewer than 2
            segments, or ``alpha`` is outside (0, 1).

    Example:
        >>> table = conversion_by_cluster([0] * 100 + [1] * 100, [1] * 30 + [0] * 70 + [1] * 10 + [0] * 90)
        >>> table[["cluster", "size", "conversions", "rate", "significant"]].to_dict("records")[0]
        {'cluster': 0, 'size': 100, 'conversions': 30, 'rate': 0.3, 'significant': True}
    """
    # TODO: write conversion_by_cluster as its docstring describes.
    raise NotImplementedError("conversion_by_cluster is not written yet")
