"""Plain numpy: training means from the sums and counts of observed values, np.where to fill, masks as indicators."""

import numpy as np
import pandas as pd


def prepare_features(train: pd.DataFrame, test: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    if train.columns.tolist() != test.columns.tolist():
        raise ValueError("train and test must have the same columns in the same order")
    train_values, test_values = train.to_numpy(dtype=float), test.to_numpy(dtype=float)
    observed = ~np.isnan(train_values)
    if not observed.any(axis=0).all():
        raise ValueError("a column has no observed value in the training rows")
    means = np.where(observed, train_values, 0.0).sum(axis=0) / observed.sum(axis=0)
    flagged = np.flatnonzero(~observed.all(axis=0))

    def matrix(values: np.ndarray) -> np.ndarray:
        blank = np.isnan(values)
        return np.hstack([np.where(blank, means, values), blank[:, flagged].astype(float)])

    return matrix(train_values), matrix(test_values)
