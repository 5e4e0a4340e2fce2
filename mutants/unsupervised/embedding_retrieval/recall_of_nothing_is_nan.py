"""Returns the mean of no queries (NaN) when no query has a relevant row, instead of refusing."""

import numpy as np


def recall_at_k(retrieved, relevant):
    if len(retrieved) != len(relevant):
        raise ValueError(f"{len(retrieved)} rows of results but {len(relevant)} relevant sets")
    shares = [
        len(set(np.asarray(found).tolist()) & set(wanted)) / len(wanted)
        for found, wanted in zip(retrieved, relevant, strict=True)
        if len(wanted)
    ]
    if not shares:
        return float("nan")
    return float(np.mean(shares))
