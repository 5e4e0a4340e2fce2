"""Computes the Brier score on 0/1 decisions at 0.5 instead of on the predicted probabilities."""

import numpy as np


def _brier(labels, forecast):
    forecast = np.asarray(forecast, dtype=float)
    decisions = (forecast >= 0.5).astype(float) if forecast.ndim else forecast
    return float(np.mean((decisions - labels) ** 2))
