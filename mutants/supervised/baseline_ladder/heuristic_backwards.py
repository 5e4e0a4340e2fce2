"""Points the rule of thumb the wrong way: long tenure and many sessions score as risky."""


def _heuristic(features):
    return ((features["tenure_days"] >= 120).astype(float) + (features["sessions_28d"] >= 8)).to_numpy(dtype=float)
