"""Ignores ties: every row is its own threshold, so tied scores are ranked by row order."""

import numpy as np


def _counts_by_threshold(labels, scores):
    labels, scores = _checked(labels, scores)  # noqa: F821 - the solution's helper
    order = np.argsort(-scores, kind="stable")
    positives = labels[order]
    return positives, 1 - positives
