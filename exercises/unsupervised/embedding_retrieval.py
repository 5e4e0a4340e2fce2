"""Embedding retrieval: "more like this" by cosine similarity, and how to score it.

A music streaming service has an embedding for every track. The "more like this" shelf shows, for a
track, the tracks whose embeddings point the most in the same direction. Editors have marked, for
some tracks, which others truly belong with them; recall@k says how many of those the shelf finds.
Embedding lengths vary wildly (popular tracks get long vectors), and length must not decide who
is similar: only the direction counts.

Contract:
- ``nearest_items(embeddings, queries, *, k)``: ``embeddings`` is a 2-d float array, one row per
  item; ``queries`` a 1-d array of row indices. For each query, return the ``k`` *other* rows (never
  the query itself) with the highest cosine similarity to it, most similar first, as an int array
  of shape ``(len(queries), k)``. Rows with equal similarity may come in any order among themselves.
  Raise ValueError when a row is all zeros (its direction is undefined), a query index is out of
  range, or ``k`` is not between 1 and the number of rows minus 1.
- ``recall_at_k(retrieved, relevant)``: ``retrieved`` is such an int array; ``relevant`` holds one
  collection of relevant row indices per query. A query's recall is the number of its relevant rows
  found among its retrieved rows divided by the number of its relevant rows; queries with no relevant
  rows are skipped; return the mean over the others, a float. Raise ValueError when the lengths
  differ or no query has a relevant row.
- Work with whole matrices: the graders time ``nearest_items`` on thousands of items against a
  vectorised solution; a Python loop over pairs of items is far too slow.

Graded: the neighbours' similarities exactly as by definition, on 300 rows with ties and with k=1
and k = rows - 1; the query never among its own neighbours; the planted groups of tracks found,
and unchanged when rows are rescaled; recall@k exactly; ValueError on bad input for both functions
(queries -1 and n included); running time against a vectorised solution, for the right neighbours.
"""

import numpy as np


def nearest_items(embeddings: np.ndarray, queries, *, k: int) -> np.ndarray:
    """Return, for each query row, the ``k`` other rows most cosine-similar to it, most similar first.

    Args:
        embeddings: a 2-d float array, one row per item.
        queries: a 1-d array of row indices.
        k: how many neighbours per query, from 1 to the number of rows minus 1.

    Returns:
        An int array of shape ``(len(queries), k)`` of row indices.

    Raises:
        ValueError: if a row is all zeros, a query is out of range, or ``k`` is out of range.

    Example:
        >>> items = np.array([[1.0, 0.0], [10.0, 1.0], [0.0, 1.0], [-1.0, 0.1]])
        >>> nearest_items(items, np.array([0]), k=2).tolist()
        [[1, 2]]
    """
    # TODO: write nearest_items as its docstring describes.
    raise NotImplementedError("nearest_items is not written yet")


def recall_at_k(retrieved: np.ndarray, relevant) -> float:
    """Return the mean, over queries with relevant rows, of the share of them that was retrieved.

    Args:
        retrieved: an int array with one row of retrieved row indices per query.
        relevant: one collection (set, list or array) of relevant row indices per query.

    Returns:
        A float in [0, 1].

    Raises:
        ValueError: if ``retrieved`` and ``relevant`` differ in length, or no query has a relevant row.

    Example:
        >>> recall_at_k(np.array([[1, 2], [0, 3]]), [{1, 5}, {2}])
        0.25
    """
    # TODO: write recall_at_k as its docstring describes.
    raise NotImplementedError("recall_at_k is not written yet")
