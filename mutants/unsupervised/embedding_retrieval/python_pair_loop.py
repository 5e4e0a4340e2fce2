"""Computes every query-item cosine in a Python double loop instead of one matrix product."""

import math

import numpy as np


def nearest_items(embeddings, queries, *, k):
    embeddings = np.asarray(embeddings, dtype=float)
    queries = np.asarray(queries, dtype=int)
    if not 1 <= k <= len(embeddings) - 1 or ((queries < 0) | (queries >= len(embeddings))).any():
        raise ValueError("bad k or query")
    rows = embeddings.tolist()
    norms = [math.sqrt(sum(x * x for x in row)) for row in rows]
    if min(norms) == 0:
        raise ValueError("an all-zero row has no direction")
    result = []
    for q in queries.tolist():
        scored = []
        for j, row in enumerate(rows):
            if j != q:
                scored.append((-sum(a * b for a, b in zip(rows[q], row, strict=True)) / (norms[q] * norms[j]), j))
        scored.sort()
        result.append([j for _, j in scored[:k]])
    return np.array(result, dtype=int)
