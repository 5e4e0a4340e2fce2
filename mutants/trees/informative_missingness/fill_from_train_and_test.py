"""Computes the fill values over the training and test rows together, so test rows shape the features."""

import pandas as pd


def prepare_features(train, test):
    if list(train.columns) != list(test.columns):
        raise ValueError("train and test must have the same columns in the same order")
    if train.mean().isna().any():
        raise ValueError("a column has no observed value in the training rows")
    means = pd.concat([train, test]).mean()
    flagged = train.columns[train.isna().any()]
    return _matrix(train, means, flagged), _matrix(test, means, flagged)  # noqa: F821 - the solution's helper
