"""scikit-learn's brute-force cosine NearestNeighbors, asking for one extra neighbour to drop the query."""

import numpy as np
from sklearn.neighbors import NearestNeighbors


def nearest_items(embeddings, queries, *, k):
    embeddings = np.asarray(embeddings, dtype=float)
    queries = np.asarray(queries, dtype=int)
    if not 1 <= k <= len(embeddings) - 1 or ((queries < 0) | (queries >= len(embeddings))).any():
        raise ValueError("k or a query index is out of range")
    if (np.abs(embeddings).sum(axis=1) == 0).any():
        raise ValueError("an all-zero row has no direction")
    index = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute").fit(embeddings)
    found = index.kneighbors(embeddings[queries], return_distance=False)
    # the query is usually first, but a tie with an identical direction may put it second
    return np.array([[j for j in row if j != q][:k] for row, q in zip(found, queries, strict=True)], dtype=int)


def recall_at_k(retrieved, relevant):
    if len(retrieved) != len(relevant):
        raise ValueError("one relevant set per query is needed")
    shares = [
        np.isin(list(wanted), found).mean() for found, wanted in zip(retrieved, relevant, strict=True) if len(wanted)
    ]
    if not shares:
        raise ValueError("no query has a relevant row")
    return float(np.mean(shares))
