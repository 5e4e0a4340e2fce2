"""Forgets to exclude the query, which is always its own most similar row."""

import numpy as np


def nearest_items(embeddings, queries, *, k):
    embeddings = np.asarray(embeddings, dtype=float)
    queries = np.asarray(queries, dtype=int)
    if not 1 <= k <= len(embeddings) - 1 or ((queries < 0) | (queries >= len(embeddings))).any():
        raise ValueError("bad k or query")
    unit = _unit_rows(embeddings)  # noqa: F821 - the solution's helper
    similarity = unit[queries] @ unit.T
    return np.argsort(-similarity, axis=1, kind="stable")[:, :k]
