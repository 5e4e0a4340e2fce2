"""A numpy pass: improving rounds from a running best, then the first gap longer than patience."""

import numpy as np


def best_round(history, *, patience, min_delta=0.0):
    if len(history) == 0 or patience < 1 or min_delta < 0:
        raise ValueError("need a non-empty history, patience >= 1 and min_delta >= 0")
    order = np.argsort(history["round"].to_numpy(), kind="stable")
    losses = history["valid_loss"].to_numpy(dtype=float)[order]
    if np.isnan(losses).any():
        raise ValueError("valid_loss contains NaN")
    rounds = history["round"].to_numpy()[order]
    # the running best is only updated by improving rounds, so find them one after another
    improving = [0]
    while True:
        best = losses[improving[-1]]
        later = np.flatnonzero(losses[improving[-1] + 1 :] < best - min_delta)
        if len(later) == 0 or later[0] >= patience:
            break
        improving.append(improving[-1] + 1 + int(later[0]))
    return int(rounds[improving[-1]])
