"""ROC-AUC from the Mann-Whitney rank sum with average ranks for ties; AP with pandas groupby."""

import numpy as np
import pandas as pd
from scipy.stats import rankdata


def _checked(labels, scores):
    labels, scores = np.asarray(labels, dtype=float), np.asarray(scores, dtype=float)
    if labels.shape != scores.shape or len(labels) == 0 or labels.min() == labels.max():
        raise ValueError("roc_auc needs aligned inputs with both classes")
    return labels, scores


def roc_auc(labels, scores):
    labels, scores = _checked(labels, scores)
    ranks = rankdata(scores)
    positives = labels.sum()
    negatives = len(labels) - positives
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def average_precision(labels, scores):
    labels, scores = _checked(labels, scores)
    rows = pd.DataFrame({"y": labels, "s": scores})
    by_score = rows.groupby("s")["y"].agg(["sum", "count"]).sort_index(ascending=False)
    hits = by_score["sum"].cumsum()
    precision = hits / by_score["count"].cumsum()
    return float((precision * by_score["sum"]).sum() / labels.sum())
