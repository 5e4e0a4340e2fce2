"""Swaps only the neighbourhoods for continuity: lost neighbours are penalised by their rank in the data."""


def continuity(X, Y, *, k):
    X, Y = _checked(X, Y, k)  # noqa: F821 - the solution's helper
    ranks_x, ranks_y = _ranks(X), _ranks(Y)  # noqa: F821
    n = len(ranks_x)
    lost = (ranks_x <= k) & (ranks_y > k)
    return 1.0 - 2.0 / (n * k * (2 * n - 3 * k - 1)) * float((ranks_x - k)[lost].sum())
