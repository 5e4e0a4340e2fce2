"""Does not refuse patience 0 or a negative min_delta; only an empty log and a NaN loss are refused."""

import math


def best_round(history, *, patience, min_delta=0.0):
    if len(history) == 0 or history["valid_loss"].isna().any():
        raise ValueError("invalid input")
    ordered = history.sort_values("round")
    best, best_at, waited = math.inf, None, 0
    for round_number, loss in zip(ordered["round"], ordered["valid_loss"], strict=True):
        if best_at is None or loss < best - min_delta:
            best, best_at, waited = loss, int(round_number), 0
        else:
            waited += 1
            if waited == patience:
                break
    return best_at
