"""Aggregates every session of the user, including those after the prediction time."""


def _before_cutoff(pairs):
    return pairs
