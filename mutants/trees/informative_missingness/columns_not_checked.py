"""Never compares the training and test columns, so a reordered or renamed test set is silently misread."""


def prepare_features(train, test):
    means = train.mean()
    if means.isna().any():
        raise ValueError("a column has no observed value in the training rows")
    flagged = train.columns[train.isna().any()]
    test = test.set_axis(train.columns, axis=1)
    return _matrix(train, means, flagged), _matrix(test, means, flagged)  # noqa: F821 - the solution's helper
