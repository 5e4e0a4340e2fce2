"""Counts support tickets against the risk: a customer with many tickets scores as safer, not riskier."""


def _heuristic(features):
    young = features["tenure_days"] < 120
    quiet = features["sessions_28d"] < 8
    unhappy = features["support_tickets"] >= 2
    return (young.astype(float) + quiet - unhappy).to_numpy(dtype=float)
