"""Scores a cut between every two sorted rows, even between two equal values, which no threshold can make."""

import numpy as np


def _best_on_feature(values, labels):
    order = np.argsort(values, kind="stable")
    values, labels = values[order], labels[order]
    n = len(values)
    if values[0] == values[-1]:
        return -np.inf, np.nan
    cut = np.arange(n - 1)
    left_n = cut + 1.0
    left_pos = np.cumsum(labels)[cut]
    right_n = n - left_n
    p_left, p_right, p_all = left_pos / left_n, (labels.sum() - left_pos) / right_n, labels.mean()
    children = (left_n * 2 * p_left * (1 - p_left) + right_n * 2 * p_right * (1 - p_right)) / n
    decrease = 2 * p_all * (1 - p_all) - children
    best = int(np.argmax(decrease))
    i = cut[best]
    if values[i] == values[-1]:
        i = int(np.flatnonzero(values[1:] != values[:-1])[-1])
    return float(decrease[best]), float((values[i] + values[i + 1]) / 2)
