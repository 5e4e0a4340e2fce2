"""Debug exercise: how many principal components does the sensor table need?

A logistics company streams a wide table of vehicle telemetry: temperatures in degrees, pressures in
pascals, vibration in thousandths of g, odometer readings in metres. Before compressing it, the
data team asks how many principal components keep a given share of the variance. A colleague's
function runs and answers confidently — and its answer moves when someone converts pascals to
kilopascals. Find and fix the bugs.

Contract — ``components_for_share(table, share=0.9)``:
- ``table`` is a 2-d array or a DataFrame of numeric columns, one row per observation.
- Standardise every column first (subtract its mean, divide by its standard deviation), so that
  units do not matter; PCA then works on the correlation structure.
- The explained shares are the eigenvalues of the standardised data's covariance matrix, largest
  first, divided by their sum.
- Return the smallest k (an int, 1 to the number of columns) whose first k shares add up to at
  least ``share``. A share reached exactly counts as reached: compare with a tolerance of 1e-9,
  ``cumulative >= share - 1e-9``.
- Raise ValueError when ``share`` is not in (0, 1], the table is not 2-d or has fewer than 2 rows,
  contains NaN, or has a constant column (it cannot be standardised).

Graded: the planted number of hidden factors recovered on tables whose columns differ in scale by
up to seven orders of magnitude; the same answer after converting a column's units (credited only
with the right number); exact answers on small hand-made tables, some of whose shares are reached
exactly, and on a table of 2 rows; ValueError on bad input, including a constant column of seven
copies of 0.1 (whose computed standard deviation is 1e-17, not 0).
"""

import numpy as np


def components_for_share(table, share: float = 0.9) -> int:
    """Return the smallest number of principal components of the standardised table reaching ``share``.

    Args:
        table: a 2-d array or DataFrame of numeric columns.
        share: the share of variance to keep, in (0, 1].

    Returns:
        An int k from 1 to the number of columns.

    Raises:
        ValueError: if ``share`` is outside (0, 1], the table is not 2-d, has fewer than 2 rows,
            contains NaN, or has a constant column.

    Example:
        >>> rng = np.random.default_rng(0)
        >>> hidden = rng.normal(size=(200, 1))
        >>> table = np.hstack([hidden, 1000 * hidden, rng.normal(size=(200, 1))])
        >>> components_for_share(table, 0.6)
        1
    """
    values = np.asarray(table, dtype=float)
    centred = values - values.mean(axis=0)
    eigenvalues = np.linalg.eigvalsh(np.cov(centred, rowvar=False))
    cumulative = np.cumsum(eigenvalues / eigenvalues.sum())
    return int(np.searchsorted(cumulative, share))
