"""Judges eligibility on events strictly before the trial end, so a user who cancelled exactly at t is labelled."""


def _eligible(trials, events):
    known = events.merge(trials, on="user_id")
    known = known[known["timestamp"] < known["trial_end"]].sort_values("timestamp", kind="stable")
    last_event = known.groupby("user_id")["event"].last()
    return trials["user_id"].map(last_event).ne("cancel")
