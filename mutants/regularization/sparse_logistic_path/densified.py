"""Turns the sparse matrix into a dense array first, which at production width does not fit in memory."""

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold


def select_features(X, y, *, Cs, n_folds=3, seed=0):
    if not sp.issparse(X):
        raise ValueError("X must be a SciPy sparse matrix")
    X, y = X.toarray(), np.asarray(y)
    Cs = np.sort(np.asarray(Cs, dtype=float).ravel())
    if len(y) != X.shape[0] or not np.isin(y, [0, 1]).all() or len(np.unique(y)) < 2:
        raise ValueError("y must be one 0/1 label per row, both classes present")
    if len(Cs) == 0 or not (Cs > 0).all() or not 2 <= n_folds <= np.bincount(y.astype(int)).min():
        raise ValueError("bad Cs or n_folds")
    y = y.astype(int)
    folds = list(StratifiedKFold(n_folds, shuffle=True, random_state=seed).split(X, y))
    losses = []
    for C in Cs:
        held_out = []
        for train, test in folds:
            model = _l1_logistic(C, seed).fit(X[train], y[train])  # noqa: F821
            held_out.append(log_loss(y[test], model.predict_proba(X[test])[:, 1], labels=[0, 1]))
        losses.append(np.mean(held_out))
    best = Cs[int(np.argmin(losses))]
    return float(best), np.flatnonzero(_l1_logistic(best, seed).fit(X, y).coef_.ravel())  # noqa: F821
