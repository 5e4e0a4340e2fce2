"""Treats any cancel before the trial end as leaving, even when the user came back before t."""


def _eligible(trials, events):
    known = events.merge(trials, on="user_id")
    gone = known[(known["timestamp"] <= known["trial_end"]) & (known["event"] == "cancel")]["user_id"]
    return ~trials["user_id"].isin(gone)
