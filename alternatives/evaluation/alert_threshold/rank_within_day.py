"""Ranks each row within its day (ties counted together), then scans the distinct scores from the top."""

import math

import numpy as np
import pandas as pd


def pick_threshold(scores, days, capacity):
    scores = np.asarray(scores, dtype=float)
    if len(scores) != len(days) or capacity < 0:
        raise ValueError("scores and days must align and capacity must be >= 0")
    frame = pd.DataFrame({"score": scores, "day": pd.Series(days).to_numpy()})
    # rows of its day scoring at or above this row: what a threshold equal to its score alerts that day
    frame["alerted_that_day"] = frame.groupby("day")["score"].rank(method="max", ascending=False)
    by_score = frame.groupby("score")["alerted_that_day"].max().sort_index(ascending=False)
    worst_day = by_score.cummax()  # a threshold at a score alerts, on each day, everything above it too
    feasible = worst_day.index[worst_day.to_numpy() <= capacity]
    return float(feasible.min()) if len(feasible) else math.inf
