"""Alerts only scores strictly above the threshold, so a score equal to it is missed."""

_reference_counts = _daily_counts  # noqa: F821 - the solution's helper


def _daily_counts(scores, labels, days, threshold):
    return _reference_counts(scores, labels, days, np.nextafter(threshold, np.inf))  # noqa: F821
