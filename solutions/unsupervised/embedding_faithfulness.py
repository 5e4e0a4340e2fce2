"""Embedding faithfulness: trustworthiness, continuity, and whether the islands of a picture are real clusters.

A music streaming service shows its listeners as a t-SNE picture in every planning meeting, and the
picture always shows tidy islands, which become "segments" with names and budgets. But a 2-D
embedding can tear a continuous population into islands, and can squeeze far-apart points together.
Before the next meeting, measure how faithful the picture is, and check the islands in the original
space.

Contract (``X`` the original points and ``Y`` the picture: 2-d float arrays with the same rows):
- Neighbours are by Euclidean distance, a point is never its own neighbour, and on equal distances
  the row with the lower index comes first. ``r(i, j)`` is the rank of row j among row i's
  neighbours in ``X`` (1 for the nearest), ``rhat(i, j)`` the same in ``Y``. ``N_k(i)`` and
  ``Nhat_k(i)`` are row i's k nearest neighbours in ``X`` and in ``Y``. With n rows:
- ``trustworthiness(X, Y, *, k)`` = 1 - 2 / (n k (2n - 3k - 1)) * the sum over i, and over j in
  ``Nhat_k(i)`` but not in ``N_k(i)`` (neighbours in the picture that are not in the data), of
  ``r(i, j) - k``. It is 1 when the picture invents no neighbours.
- ``continuity(X, Y, *, k)`` = the same with the roles exchanged: the sum over j in ``N_k(i)`` but
  not in ``Nhat_k(i)`` (neighbours in the data that the picture lost) of ``rhat(i, j) - k``.
- Both return a float and raise ValueError unless ``X`` and ``Y`` are 2-d with the same number of
  rows and 1 <= k < n / 2.
- ``supported_islands(X, islands, *, factor=3.0)``: ``islands`` gives each row's island in the picture
  (ints or strings, at least two distinct). An island is supported by ``X`` when its gap, the
  smallest distance in ``X`` from one of its points to a point of another island, is strictly more
  than ``factor`` times the spacing of ``X``: the median over all rows of the distance to the
  nearest other row. Return a dict from each island label to a bool. Raise ValueError unless
  ``islands`` has one label per row with at least two distinct labels, and ``factor`` is positive.

Graded: both measures exactly, on small grids full of tied distances and on random points, with k=1
and the largest k allowed; the original space measured with Euclidean distance; ValueError on
bad k (0 and n/2 included) and on mismatched rows; a continuous curve torn into four islands found
unsupported, four real clusters supported, and the strict boundary of the gap test on a grid.
"""

import numpy as np
from scipy.spatial.distance import pdist, squareform

### BEGIN SOLUTION


def _ranks(points: np.ndarray) -> np.ndarray:
    """``ranks[i, j]``: the rank of row j among row i's neighbours (1 = nearest; the row itself comes last)."""
    distances = squareform(pdist(points))
    np.fill_diagonal(distances, np.inf)
    order = np.argsort(distances, axis=1, kind="stable")  # stable: the lower index first on ties
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, len(points) + 1)[None, :], axis=1)
    return ranks


def _checked(X, Y, k) -> tuple[np.ndarray, np.ndarray]:
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    if X.ndim != 2 or Y.ndim != 2 or len(X) != len(Y):
        raise ValueError("X and Y must be 2-d arrays with the same number of rows")
    if not 1 <= k < len(X) / 2:
        raise ValueError(f"k must satisfy 1 <= k < n/2 = {len(X) / 2}, got {k}")
    return X, Y


def _invented_neighbours(ranks_here: np.ndarray, ranks_there: np.ndarray, k: int) -> float:
    """1 minus the normalised rank excess, in ``here``, of the neighbours ``there`` that ``here`` does not have."""
    n = len(ranks_here)
    invented = (ranks_there <= k) & (ranks_here > k)
    penalty = float((ranks_here - k)[invented].sum())
    return 1.0 - 2.0 / (n * k * (2 * n - 3 * k - 1)) * penalty


### END SOLUTION


def trustworthiness(X: np.ndarray, Y: np.ndarray, *, k: int) -> float:
    """Return how far the picture's k nearest neighbours can be trusted to be neighbours in the data.

    Args:
        X: the original points, one row each.
        Y: the picture (the embedding), the same rows.
        k: the neighbourhood size, 1 <= k < n / 2.

    Returns:
        A float, at most 1 (1 when every neighbour in the picture is a neighbour in the data).

    Raises:
        ValueError: if ``X`` and ``Y`` are not 2-d with the same rows, or ``k`` is out of range.

    Example:
        >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0]])
        >>> round(trustworthiness(X, X[[0, 1, 2, 4, 3]], k=1), 4)
        0.8667
    """
    ### BEGIN SOLUTION
    X, Y = _checked(X, Y, k)
    return _invented_neighbours(_ranks(X), _ranks(Y), k)
    ### END SOLUTION


def continuity(X: np.ndarray, Y: np.ndarray, *, k: int) -> float:
    """Return how well the picture keeps the data's k nearest neighbours together.

    Args:
        X: the original points, one row each.
        Y: the picture (the embedding), the same rows.
        k: the neighbourhood size, 1 <= k < n / 2.

    Returns:
        A float, at most 1 (1 when every neighbour in the data is a neighbour in the picture).

    Raises:
        ValueError: if ``X`` and ``Y`` are not 2-d with the same rows, or ``k`` is out of range.

    Example:
        >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0]])
        >>> round(continuity(X, X[[0, 1, 2, 4, 3]], k=1), 4)
        0.8667
    """
    ### BEGIN SOLUTION
    X, Y = _checked(X, Y, k)
    return _invented_neighbours(_ranks(Y), _ranks(X), k)
    ### END SOLUTION


def supported_islands(X: np.ndarray, islands, *, factor: float = 3.0) -> dict:
    """Return, for each island of the picture, whether ``X`` separates it from the others.

    Args:
        X: the original points, one row each.
        islands: one island label per row (at least two distinct labels).
        factor: how many times the spacing of ``X`` an island's gap must exceed (positive).

    Returns:
        A dict from each island label to True (supported) or False.

    Raises:
        ValueError: if ``islands`` is not one label per row with two labels or more, or ``factor``
            is not positive.

    Example:
        >>> X = np.array([[0.0], [1.0], [2.0], [10.0], [11.0]])
        >>> supported_islands(X, ["a", "a", "a", "b", "b"])
        {'a': True, 'b': True}
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    islands = np.asarray(islands)
    if X.ndim != 2 or islands.shape != (len(X),):
        raise ValueError("islands must hold one label per row of X")
    if len(np.unique(islands)) < 2 or not factor > 0:
        raise ValueError("at least two islands and a positive factor are needed")
    distances = squareform(pdist(X))
    np.fill_diagonal(distances, np.inf)
    spacing = np.median(distances.min(axis=1))
    supported = {}
    for label in np.unique(islands):
        inside = islands == label
        gap = distances[np.ix_(inside, ~inside)].min()
        supported[label.item()] = bool(gap > factor * spacing)
    return supported
    ### END SOLUTION
