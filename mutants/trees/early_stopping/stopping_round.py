"""Returns the round at which the walk stopped, not the best round before it."""

import math


def best_round(history, *, patience, min_delta=0.0):
    if len(history) == 0 or patience < 1 or min_delta < 0 or history["valid_loss"].isna().any():
        raise ValueError("invalid input")
    ordered = history.sort_values("round")
    best, waited, last = math.inf, 0, None
    for round_number, loss in zip(ordered["round"], ordered["valid_loss"], strict=True):
        last = int(round_number)
        if loss < best - min_delta:
            best, waited = loss, 0
        else:
            waited += 1
            if waited == patience:
                break
    return last
