"""Fills the blanks with the training median where the contract asks for the training mean."""


def prepare_features(train, test):
    if list(train.columns) != list(test.columns):
        raise ValueError("train and test must have the same columns in the same order")
    medians = train.median()
    if medians.isna().any():
        raise ValueError("a column has no observed value in the training rows")
    flagged = train.columns[train.isna().any()]
    return _matrix(train, medians, flagged), _matrix(test, medians, flagged)  # noqa: F821 - the solution's helper
