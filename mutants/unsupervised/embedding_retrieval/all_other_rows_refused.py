"""Refuses k equal to the number of rows minus 1 (k < n - 1 where the contract allows k <= n - 1)."""

import numpy as np


def nearest_items(embeddings, queries, *, k):
    embeddings = np.asarray(embeddings, dtype=float)
    queries = np.asarray(queries, dtype=int)
    n = len(embeddings)
    if not 1 <= k < n - 1:
        raise ValueError(f"k must be from 1 to {n - 1}, got {k}")
    if ((queries < 0) | (queries >= n)).any():
        raise ValueError("a query index is out of range")
    unit = _unit_rows(embeddings)  # noqa: F821 - the solution's helper
    similarity = unit[queries] @ unit.T
    similarity[np.arange(len(queries)), queries] = -np.inf  # a query is not its own neighbour
    top = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(similarity, top, axis=1), axis=1, kind="stable")
    return np.take_along_axis(top, order, axis=1)
