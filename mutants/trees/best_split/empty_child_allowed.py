"""Lets "everything left" (threshold at the largest value) compete as a split, and keeps the last of equal ones."""

import numpy as np


def _best_on_feature(values, labels):
    order = np.argsort(values, kind="stable")
    values, labels = values[order], labels[order]
    n = len(values)
    # the end of the sorted column counts as a cut too: its right child is empty
    cut = np.append(np.flatnonzero(values[1:] != values[:-1]), n - 1)
    if len(cut) == 1:
        return -np.inf, np.nan
    left_n = cut + 1.0
    left_pos = np.cumsum(labels)[cut]
    right_n = n - left_n
    with np.errstate(divide="ignore", invalid="ignore"):
        p_left, p_right = left_pos / left_n, np.nan_to_num((labels.sum() - left_pos) / right_n)
    p_all = labels.mean()
    children = (left_n * 2 * p_left * (1 - p_left) + right_n * 2 * p_right * (1 - p_right)) / n
    decrease = 2 * p_all * (1 - p_all) - children
    best = len(decrease) - 1 - int(np.argmax(decrease[::-1]))
    i = cut[best]
    threshold = values[i] if i == n - 1 else (values[i] + values[i + 1]) / 2
    return float(decrease[best]), float(threshold)
