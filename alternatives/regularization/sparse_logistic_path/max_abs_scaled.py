"""Columns divided by their largest absolute value (zeros stay zero), an almost unpenalised intercept, a C loop."""

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import MaxAbsScaler


def _fit(X, y, C, seed):
    # a large intercept_scaling makes liblinear's penalty on the intercept negligible
    model = LogisticRegression(C=C, l1_ratio=1.0, solver="liblinear", intercept_scaling=100.0, random_state=seed)
    return model.fit(X, y)


def select_features(X, y, *, Cs, n_folds=3, seed=0):
    if not sp.issparse(X):
        raise ValueError("X must be a SciPy sparse matrix")
    y = np.asarray(y)
    if len(y) != X.shape[0] or set(np.unique(y).tolist()) != {0, 1}:
        raise ValueError("y must be one 0/1 label per row, both classes present")
    Cs = sorted(float(C) for C in np.asarray(Cs, dtype=float).ravel())
    if not Cs or Cs[0] <= 0:
        raise ValueError("Cs must be positive and non-empty")
    y = y.astype(int)
    if not 2 <= n_folds <= np.bincount(y).min():
        raise ValueError("n_folds out of range")
    scaled = MaxAbsScaler().fit_transform(sp.csr_matrix(X))
    folds = list(StratifiedKFold(n_folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))
    best, best_loss = None, np.inf
    for C in Cs:
        losses = []
        for train, test in folds:
            model = _fit(scaled[train], y[train], C, seed)
            losses.append(log_loss(y[test], model.predict_proba(scaled[test])[:, 1], labels=[0, 1]))
        if np.mean(losses) < best_loss:
            best, best_loss = C, np.mean(losses)
    return best, np.flatnonzero(_fit(scaled, y, best, seed).coef_.ravel())
