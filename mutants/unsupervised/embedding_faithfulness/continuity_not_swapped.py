"""Computes continuity exactly as trustworthiness, without exchanging the roles of the two spaces."""


def continuity(X, Y, *, k):
    X, Y = _checked(X, Y, k)  # noqa: F821 - the solution's helper
    return _invented_neighbours(_ranks(X), _ranks(Y), k)  # noqa: F821
