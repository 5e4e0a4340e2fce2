"""Debug exercise: a drift report that cries wolf and misses the wolf.

An online shop's conversion model degraded during a holiday sale. A colleague wrote
``drift_report`` to compare the model's input features in a reference period with the current one,
using the population stability index (PSI), but its numbers are wrong: it flags features that did not
move, misses some that did, and sometimes reports infinity. This code runs but its numbers are
wrong; find and fix the bugs so that it meets the contract below.

Contract — ``drift_report(reference, current, *, n_bins=10, threshold=0.2)``:
- ``reference`` and ``current`` are DataFrames with the same columns, possibly in another order.
  Numeric columns (ints and floats) and categorical ones (strings) may hold missing values.
- Numeric column: the bin edges come from the *reference* only: the reference's non-missing values'
  quantiles at 1/n_bins, 2/n_bins, ..., (n_bins - 1)/n_bins (``np.quantile``'s default), duplicates
  removed. The outer bins are open (values below the lowest edge or above the highest still count),
  and a value equal to an edge goes to the bin above it: a value's bin is the number of edges <= it.
- Categorical column: every category seen in either table is a bin of its own.
- Missing values form one more bin, in both kinds of column.
- Each table's share of rows in each bin; a share of exactly 0 is replaced by ``EPSILON`` (1e-4),
  so that a bin empty in one table gives a large but finite index.
- PSI = sum over bins of (current share - reference share) * ln(current share / reference share).
- Return a DataFrame indexed by feature name, in the reference's column order, with columns
  ``psi`` (float) and ``shifted`` (bool, ``psi > threshold``).
- Raise ValueError when the two tables do not have the same set of columns.

Graded: the exact PSI of every feature on generated tables (skewed, zero-inflated, tied, with new
and vanished categories, with missing values), exactly the planted shifted features flagged, the
flag strictly above the threshold the caller passes, the same report whatever the order of rows and
columns, small hand-made tables, and ValueError when the columns differ.
"""

import numpy as np
import pandas as pd

EPSILON = 1e-4

### BEGIN SOLUTION


def _numeric_edges(reference_values: np.ndarray, current_values: np.ndarray, n_bins: int) -> np.ndarray:
    """Interior bin edges from the reference's quantiles (the current values are not used)."""
    present = reference_values[~np.isnan(reference_values)]
    return np.unique(np.quantile(present, np.linspace(0, 1, n_bins + 1)[1:-1]))


def _bin_labels(values: pd.Series, edges: np.ndarray | None) -> pd.Series:
    """Each value's bin: an edge count for numbers, the value itself for categories, "missing" for NaN."""
    missing = values.isna()
    if edges is None:
        labels = values.astype(object)
    else:
        labels = pd.Series(np.searchsorted(edges, values.to_numpy(dtype=float), side="right"), index=values.index)
        labels = labels.astype(object)
    return labels.where(~missing, "missing")


def _shares(labels: pd.Series, bins: pd.Index) -> np.ndarray:
    shares = labels.value_counts(normalize=True).reindex(bins, fill_value=0.0).to_numpy(dtype=float)
    return np.where(shares == 0, EPSILON, shares)


def _psi(reference: pd.Series, current: pd.Series, n_bins: int) -> float:
    numeric = pd.api.types.is_numeric_dtype(reference) and not pd.api.types.is_bool_dtype(reference)
    edges = None
    if numeric:
        edges = _numeric_edges(reference.to_numpy(dtype=float), current.to_numpy(dtype=float), n_bins)
    reference_bins, current_bins = _bin_labels(reference, edges), _bin_labels(current, edges)
    bins = pd.Index(pd.unique(pd.concat([reference_bins, current_bins], ignore_index=True)))
    expected, actual = _shares(reference_bins, bins), _shares(current_bins, bins)
    return float(np.sum((actual - expected) * np.log(actual / expected)))


### END SOLUTION


def drift_report(reference: pd.DataFrame, current: pd.DataFrame, *, n_bins: int = 10, threshold: float = 0.2):
    """Return the population stability index of every feature, and whether it shifted.

    Args:
        reference: the features in the reference period.
        current: the same features now (columns in any order).
        n_bins: quantile bins for numeric features.
        threshold: a feature is shifted when its PSI exceeds this.

    Returns:
        A DataFrame indexed by feature (reference column order) with columns ``psi`` and ``shifted``.

    Raises:
        ValueError: if the tables' columns differ.

    Example:
        >>> before = pd.DataFrame({"plan": ["a", "a", "b", "b"]})
        >>> drift_report(before, pd.DataFrame({"plan": ["a", "b", "b", "b"]}))["psi"].round(4).tolist()
        [0.2747]
    """
    ### BEGIN SOLUTION
    if set(reference.columns) != set(current.columns):
        raise ValueError(f"the tables' columns differ: {sorted(set(reference.columns) ^ set(current.columns))}")
    psi = {column: _psi(reference[column], current[column], n_bins) for column in reference.columns}
    report = pd.DataFrame({"psi": pd.Series(psi, dtype=float)})
    report["shifted"] = report["psi"] > threshold
    return report
    ### END SOLUTION
    ### BEGIN STUB
    # report = pd.DataFrame(columns=["psi", "shifted"])
    # for column in current.columns:
    #     if not pd.api.types.is_numeric_dtype(reference[column]):
    #         expected = reference[column].value_counts(normalize=True)
    #         actual = current[column].value_counts(normalize=True)
    #     else:
    #         edges = np.quantile(current[column].dropna(), np.linspace(0, 1, n_bins + 1))
    #         expected = pd.Series(np.histogram(reference[column].dropna(), edges)[0] / len(reference))
    #         actual = pd.Series(np.histogram(current[column].dropna(), edges)[0] / len(current))
    #     psi = float(((actual - expected) * np.log(actual / expected)).sum())
    #     report.loc[column] = [psi, psi > threshold]
    # return report
    ### END STUB
