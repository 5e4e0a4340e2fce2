"""scipy's chi-square test on each segment-vs-rest 2x2 table (no continuity correction), binomtest's Wilson interval."""

import numpy as np
import pandas as pd
from scipy.stats import binomtest, chi2_contingency


def conversion_by_cluster(labels, converted, *, alpha=0.05):
    frame = pd.DataFrame({"cluster": np.asarray(labels), "converted": np.asarray(converted)})
    if len(np.asarray(labels)) != len(np.asarray(converted)) or not frame["converted"].isin([0, 1]).all():
        raise ValueError("labels and converted must align, and converted must be 0/1")
    if not 0 < alpha < 1 or frame["cluster"].nunique() < 2:
        raise ValueError("alpha must be in (0, 1) and there must be 2+ segments")
    by_cluster = frame.groupby("cluster")["converted"].agg(size="size", conversions="sum").reset_index()
    m, total, converted_total = len(by_cluster), len(frame), int(frame["converted"].sum())
    rows = []
    for cluster, size, conversions in by_cluster.itertuples(index=False):
        if converted_total in (0, total):
            raw = 1.0  # no variation at all: nothing to test
        else:
            table = [
                [conversions, size - conversions],
                [converted_total - conversions, total - size - (converted_total - conversions)],
            ]
            raw = float(chi2_contingency(table, correction=False).pvalue)  # chi2 = z^2 of the pooled z-test
        interval = binomtest(int(conversions), int(size)).proportion_ci(1 - alpha / m, method="wilson")
        p_value = min(1.0, m * raw)
        rows.append(
            (
                cluster,
                int(size),
                int(conversions),
                conversions / size,
                interval.low,
                interval.high,
                p_value,
                p_value < alpha,
            )
        )
    columns = ["cluster", "size", "conversions", "rate", "low", "high", "p_value", "significant"]
    return pd.DataFrame(rows, columns=columns)
