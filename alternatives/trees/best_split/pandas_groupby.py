"""Counts labels per distinct value with pandas, then scans the cumulative counts of each feature."""

import numpy as np
import pandas as pd


def best_split(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or len(X) != len(y) or len(np.unique(y)) != 2:
        raise ValueError("need a 2-d X, one label per row and both classes")
    n, total = len(y), y.sum()
    parent = 2 * (total / n) * (1 - total / n)
    best = None
    for j in range(X.shape[1]):
        counts = pd.DataFrame({"x": X[:, j], "y": y}).groupby("x")["y"].agg(["sum", "count"])
        if len(counts) < 2:
            continue
        left_pos = counts["sum"].cumsum().to_numpy()[:-1]
        left_n = counts["count"].cumsum().to_numpy()[:-1].astype(float)
        right_n = n - left_n
        pl, pr = left_pos / left_n, (total - left_pos) / right_n
        gain = parent - (left_n * 2 * pl * (1 - pl) + right_n * 2 * pr * (1 - pr)) / n
        k = int(np.argmax(gain))
        if best is None or gain[k] > best[0]:
            values = counts.index.to_numpy()
            best = (gain[k], j, (values[k] + values[k + 1]) / 2)
    if best is None:
        raise ValueError("every feature is constant")
    return best[1], float(best[2])
