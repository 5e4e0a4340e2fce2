"""Returns the smallest right value as the threshold, as if rows strictly below it went left (< for <=)."""

import numpy as np


def _best_on_feature(values, labels):
    order = np.argsort(values, kind="stable")
    values, labels = values[order], labels[order]
    n = len(values)
    cut = np.flatnonzero(values[1:] != values[:-1])
    if len(cut) == 0:
        return -np.inf, np.nan
    left_n = cut + 1.0
    left_pos = np.cumsum(labels)[cut]
    right_n = n - left_n
    p_left, p_right, p_all = left_pos / left_n, (labels.sum() - left_pos) / right_n, labels.mean()
    children = (left_n * 2 * p_left * (1 - p_left) + right_n * 2 * p_right * (1 - p_right)) / n
    decrease = 2 * p_all * (1 - p_all) - children
    best = int(np.argmax(decrease))
    return float(decrease[best]), float(values[cut[best] + 1])
