"""Lets a plan change recorded exactly at the prediction time count as already known."""


def _latest_known(pairs):
    known = pairs[pairs["valid_from"] <= pairs["prediction_time"]]
    return known.sort_values("valid_from").groupby("row").tail(1)
