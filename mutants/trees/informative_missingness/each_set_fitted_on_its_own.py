"""Fits the imputer on each set separately: test blanks get test means and the test set chooses its indicators."""


def prepare_features(train, test):
    if list(train.columns) != list(test.columns):
        raise ValueError("train and test must have the same columns in the same order")
    if train.mean().isna().any():
        raise ValueError("a column has no observed value in the training rows")

    def fit_transform(frame):
        return _matrix(frame, frame.mean(), frame.columns[frame.isna().any()])  # noqa: F821 - the solution's helper

    return fit_transform(train), fit_transform(test)
