"""Uses n - 1 (the number of other points) for n in the normalising constant 2 / (n k (2n - 3k - 1))."""


def _invented_neighbours(ranks_here, ranks_there, k):
    n = len(ranks_here) - 1
    invented = (ranks_there <= k) & (ranks_here > k)
    return 1.0 - 2.0 / (n * k * (2 * n - 3 * k - 1)) * float((ranks_here - k)[invented].sum())
