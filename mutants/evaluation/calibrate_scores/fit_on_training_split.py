"""Fits the calibration map on the rows the model was trained on, whose scores are overconfident."""


def _fitting_rows(scored):
    return scored[scored["split"] == "train"]
