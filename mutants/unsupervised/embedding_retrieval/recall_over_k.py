"""Divides the relevant rows found by the number retrieved (that is precision@k), not by the number relevant."""

import numpy as np


def recall_at_k(retrieved, relevant):
    if len(retrieved) != len(relevant):
        raise ValueError("lengths differ")
    shares = [
        len(set(np.asarray(found).tolist()) & set(wanted)) / len(found)
        for found, wanted in zip(retrieved, relevant, strict=True)
        if len(wanted)
    ]
    if not shares:
        raise ValueError("no query has a relevant row")
    return float(np.mean(shares))
