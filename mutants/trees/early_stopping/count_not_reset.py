"""Never resets the patience count on an improvement: stops after patience bad rounds in all, not in a row."""

import math


def best_round(history, *, patience, min_delta=0.0):
    if len(history) == 0 or patience < 1 or min_delta < 0 or history["valid_loss"].isna().any():
        raise ValueError("invalid input")
    ordered = history.sort_values("round")
    best, best_at, waited = math.inf, None, 0
    for round_number, loss in zip(ordered["round"], ordered["valid_loss"], strict=True):
        if best_at is None or loss < best - min_delta:
            best, best_at = loss, int(round_number)
        else:
            waited += 1
            if waited == patience:
                break
    return best_at
