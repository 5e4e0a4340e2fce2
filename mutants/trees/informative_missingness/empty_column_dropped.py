"""Silently drops a column with no observed training value instead of refusing it."""


def prepare_features(train, test):
    if list(train.columns) != list(test.columns):
        raise ValueError("train and test must have the same columns in the same order")
    kept = train.columns[train.notna().any()]
    train, test = train[kept], test[kept]
    means = train.mean()
    flagged = train.columns[train.isna().any()]
    return _matrix(train, means, flagged), _matrix(test, means, flagged)  # noqa: F821 - the solution's helper
