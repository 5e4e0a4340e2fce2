"""Returns the first feature and threshold 0 whatever the data: a constant answer."""


def best_split(X, y):
    return 0, 0.0
