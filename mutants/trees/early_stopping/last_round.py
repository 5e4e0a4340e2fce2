"""Returns the last round of the log: the echo of its length."""


def best_round(history, *, patience, min_delta=0.0):
    return len(history)
