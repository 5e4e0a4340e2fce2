"""Counts sessions at or before the prediction time, so a session exactly at t leaks in."""


def _before_cutoff(pairs):
    return pairs[pairs["timestamp"] <= pairs["prediction_time"]]
