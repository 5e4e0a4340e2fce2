"""Uses the textbook normal interval p +- z sqrt(p(1-p)/n), whose variance ignores how days differ."""

import numpy as np
from scipy.stats import norm

_reference = operating_point_ci  # noqa: F821 - the solution's function


def operating_point_ci(scores, labels, days, threshold, *, n_resamples=1000, confidence=0.95, seed=0):
    result = _reference(scores, labels, days, threshold, n_resamples=n_resamples, confidence=confidence, seed=seed)
    alerted = np.asarray(scores, dtype=float) >= threshold
    z = norm.ppf((1 + confidence) / 2)
    for metric, n in (("precision", alerted.sum()), ("recall", np.sum(np.asarray(labels) == 1))):
        p = result[metric]
        half = z * np.sqrt(p * (1 - p) / n)
        result[f"{metric}_interval"] = (max(0.0, p - half), min(1.0, p + half))
    return result
