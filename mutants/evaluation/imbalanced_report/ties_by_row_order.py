"""Takes the top of the budget with argsort, so ties at the boundary are settled by row order."""

import numpy as np


def _recall_at_budget(labels, scores, budget):
    top = np.argsort(-scores, kind="stable")[:budget]
    return float(labels[top].sum() / labels.sum())
