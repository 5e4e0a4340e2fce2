"""Ignores patience: keeps the round with the lowest validation loss over the whole log."""


def best_round(history, *, patience, min_delta=0.0):
    ordered = history.sort_values("round")
    return int(ordered["round"].to_numpy()[ordered["valid_loss"].to_numpy().argmin()])
