"""Centres the columns but does not scale them, so the column in the largest units takes all the variance."""

import numpy as np


def _explained_shares(values):
    centred = values - values.mean(axis=0)
    eigenvalues = np.clip(np.linalg.eigvalsh(np.cov(centred, rowvar=False))[::-1], 0, None)
    return eigenvalues / eigenvalues.sum()
