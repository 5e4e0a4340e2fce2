"""Accumulates the eigenvalues in the ascending order numpy's eigvalsh returns them, smallest components first."""

import numpy as np


def _explained_shares(values):
    standardised = (values - values.mean(axis=0)) / values.std(axis=0)
    eigenvalues = np.clip(np.linalg.eigvalsh(np.cov(standardised, rowvar=False)), 0, None)
    return eigenvalues / eigenvalues.sum()
