"""np.histogram over the reference's quantile edges padded with -inf and +inf; categories via Counter."""

from collections import Counter

import numpy as np
import pandas as pd

EPSILON = 1e-4


def _shares(counts: dict, keys: list, total: int) -> np.ndarray:
    shares = np.array([counts.get(key, 0) / total for key in keys])
    return np.where(shares == 0, EPSILON, shares)


def _column_psi(before: pd.Series, after: pd.Series, n_bins: int) -> float:
    if pd.api.types.is_numeric_dtype(before):
        present = before.dropna().to_numpy(dtype=float)
        inner = np.unique(np.quantile(present, np.arange(1, n_bins) / n_bins))
        edges = np.r_[-np.inf, inner, np.inf]
        counts = {}
        for name, values in (("before", before), ("after", after)):
            histogram = np.histogram(values.dropna().to_numpy(dtype=float), edges)[0]
            counts[name] = {**dict(enumerate(histogram)), "missing": int(values.isna().sum())}
        keys = [*range(len(edges) - 1), "missing"]
    else:
        counts = {
            name: Counter("missing" if pd.isna(v) else ("value", v) for v in values)
            for name, values in (("before", before), ("after", after))
        }
        keys = sorted(set(counts["before"]) | set(counts["after"]), key=repr)
    expected = _shares(counts["before"], keys, len(before))
    actual = _shares(counts["after"], keys, len(after))
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def drift_report(reference, current, *, n_bins=10, threshold=0.2):
    if sorted(reference.columns) != sorted(current.columns):
        raise ValueError("the two tables must have the same columns")
    psi = [_column_psi(reference[c], current[c], n_bins) for c in reference.columns]
    return pd.DataFrame({"psi": psi, "shifted": [value > threshold for value in psi]}, index=list(reference.columns))
