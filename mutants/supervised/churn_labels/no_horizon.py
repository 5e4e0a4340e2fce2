"""Counts any cancel after the trial end, however late: the whole future history, with no outcome window."""

_reference_churned = _churned  # noqa: F821 - the solution's helper


def _churned(trials, events, horizon, grace):
    return _reference_churned(trials, events, horizon * 1000, grace)
