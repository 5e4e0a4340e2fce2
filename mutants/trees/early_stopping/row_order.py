"""Walks the rows in the order they come, trusting that they are sorted by round."""

import math


def best_round(history, *, patience, min_delta=0.0):
    if len(history) == 0 or patience < 1 or min_delta < 0 or history["valid_loss"].isna().any():
        raise ValueError("invalid input")
    best, best_at, waited = math.inf, None, 0
    for round_number, loss in zip(history["round"], history["valid_loss"], strict=True):
        if best_at is None or loss < best - min_delta:
            best, best_at, waited = loss, int(round_number), 0
        else:
            waited += 1
            if waited == patience:
                break
    return best_at
