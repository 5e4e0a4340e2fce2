"""Returns the k rows after each query and a recall of 0.5 whatever the data: constant answers."""

import numpy as np


def nearest_items(embeddings, queries, *, k):
    queries = np.asarray(queries, dtype=int)
    return (queries[:, None] + np.arange(1, k + 1)[None, :]) % len(embeddings)


def recall_at_k(retrieved, relevant):
    return 0.5
