"""Standardises with floor division (//), which rounds every standardised value down to a whole number."""

import numpy as np


def _explained_shares(values):
    standardised = (values - values.mean(axis=0)) // values.std(axis=0)
    eigenvalues = np.clip(np.linalg.eigvalsh(np.cov(standardised, rowvar=False))[::-1], 0, None)
    return eigenvalues / eigenvalues.sum()
