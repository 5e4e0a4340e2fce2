"""Returns a stump whatever the data: a constant, trivial answer."""


def choose_tree(X, y):
    return {"max_depth": 1}
