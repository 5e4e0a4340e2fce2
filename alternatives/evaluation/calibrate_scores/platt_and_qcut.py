"""Platt scaling (logistic regression on the score's logit); pandas.qcut for the quantile bins."""

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression


def calibration_error(labels, probabilities, *, n_bins=10):
    frame = pd.DataFrame({"label": np.asarray(labels, dtype=float), "p": np.asarray(probabilities, dtype=float)})
    if len(frame) == 0 or n_bins < 1 or len(labels) != len(probabilities):
        raise ValueError("need aligned, non-empty inputs and at least one bin")
    # qcut leaves no bin at all when every probability is equal: that is one bin
    frame["bin"] = pd.qcut(frame["p"], n_bins, labels=False, duplicates="drop") if n_bins > 1 else 0
    frame["bin"] = frame["bin"].fillna(0)
    by_bin = frame.groupby("bin")[["label", "p"]].agg(["sum"])
    return float(np.abs(by_bin[("label", "sum")] - by_bin[("p", "sum")]).sum() / len(frame))


def _logit(scores):
    clipped = np.clip(np.asarray(scores, dtype=float), 1e-9, 1 - 1e-9)
    return np.log(clipped / (1 - clipped))[:, None]


def calibrate_scores(scored, test_scores):
    rows = scored[scored["split"] == "calibration"]
    model = LogisticRegression(C=1e6).fit(_logit(rows["score"]), rows["label"])
    return model.predict_proba(_logit(test_scores))[:, 1]
