"""Sets the rule of thumb's cut-offs at the test rows' quartiles, so a row's score depends on the other test rows."""


def _heuristic(features):
    young = features["tenure_days"] < features["tenure_days"].quantile(0.25)
    quiet = features["sessions_28d"] < features["sessions_28d"].quantile(0.25)
    return (young.astype(float) + quiet).to_numpy(dtype=float)
