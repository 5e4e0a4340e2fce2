"""Skips the cross-validation and keeps the largest C, the weakest penalty, "to lose no signal"."""

import numpy as np
import scipy.sparse as sp


def select_features(X, y, *, Cs, n_folds=3, seed=0):
    if not sp.issparse(X):
        raise ValueError("X must be a SciPy sparse matrix")
    X, y = sp.csr_matrix(X), np.asarray(y)
    Cs = np.sort(np.asarray(Cs, dtype=float).ravel())
    if len(y) != X.shape[0] or not np.isin(y, [0, 1]).all() or len(np.unique(y)) < 2:
        raise ValueError("y must be one 0/1 label per row, both classes present")
    if len(Cs) == 0 or not (Cs > 0).all() or not 2 <= n_folds <= np.bincount(y.astype(int)).min():
        raise ValueError("bad Cs or n_folds")
    best = Cs[-1]
    return float(best), np.flatnonzero(_l1_logistic(best, seed).fit(X, y.astype(int)).coef_.ravel())  # noqa: F821
