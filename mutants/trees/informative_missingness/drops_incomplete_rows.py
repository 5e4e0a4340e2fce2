"""Drops the training rows that have a blank before filling, so the matrix loses rows (and most defaulters' blanks)."""


def prepare_features(train, test):
    if list(train.columns) != list(test.columns):
        raise ValueError("train and test must have the same columns in the same order")
    means = train.mean()
    if means.isna().any():
        raise ValueError("a column has no observed value in the training rows")
    flagged = train.columns[train.isna().any()]
    return _matrix(train.dropna(), means, flagged), _matrix(test, means, flagged)  # noqa: F821 - the solution's helper
