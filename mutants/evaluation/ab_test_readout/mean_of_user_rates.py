"""Averages the users' own click-through rates instead of dividing the arm's clicks by its sessions."""

import numpy as np


def _arm_rate_and_variance(per_user):
    rates = (per_user["clicks"] / per_user["sessions"]).to_numpy(dtype=float)
    return float(rates.mean()), float(np.var(rates, ddof=1) / len(rates))
