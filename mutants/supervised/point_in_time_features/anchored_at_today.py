"""Anchors the windows at the latest data ("today") instead of each row's prediction time."""


def _before_cutoff(pairs):
    today = pairs["timestamp"].max()
    anchored = pairs.assign(prediction_time=today)
    return anchored[anchored["timestamp"] < today]
