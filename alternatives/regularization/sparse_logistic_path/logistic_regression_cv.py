"""scikit-learn's LogisticRegressionCV with an L1 penalty and liblinear, scored by held-out log-loss."""

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegressionCV
from sklearn.model_selection import StratifiedKFold


def select_features(X, y, *, Cs, n_folds=3, seed=0):
    if not sp.issparse(X):
        raise ValueError("X must be a SciPy sparse matrix")
    y = np.asarray(y)
    Cs = sorted(float(C) for C in np.asarray(Cs, dtype=float).ravel())
    if len(y) != X.shape[0] or set(np.unique(y).tolist()) != {0, 1}:
        raise ValueError("y must be one 0/1 label per row, both classes present")
    if not Cs or Cs[0] <= 0:
        raise ValueError("Cs must be positive and non-empty")
    if not 2 <= n_folds <= np.bincount(y.astype(int)).min():
        raise ValueError("n_folds out of range")
    model = LogisticRegressionCV(
        Cs=Cs,
        l1_ratios=[1.0],
        solver="liblinear",
        cv=StratifiedKFold(n_folds, shuffle=True, random_state=seed),
        scoring="neg_log_loss",
        random_state=seed,
        use_legacy_attributes=False,
    ).fit(sp.csr_matrix(X), y.astype(int))
    return float(model.C_), np.flatnonzero(model.coef_.ravel())
