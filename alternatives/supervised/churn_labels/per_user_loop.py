"""Walks each user's events in time order with plain Python: one user at a time, no joins."""

import pandas as pd


def churn_labels(trials, events, snapshot, *, horizon=pd.Timedelta(days=14), grace=pd.Timedelta(days=3)):
    history = {}
    for user, when, event in sorted(zip(events["user_id"], events["timestamp"], events["event"], strict=True)):
        history.setdefault(user, []).append((when, event))
    labels = {}
    for user, t in zip(trials["user_id"], trials["trial_end"], strict=True):
        if t + horizon + grace > snapshot:
            continue
        past = [event for when, event in history.get(user, []) if when <= t]
        if past and past[-1] == "cancel":
            continue
        comebacks = [when for when, event in history.get(user, []) if event == "subscribe"]
        cancels = [when for when, event in history.get(user, []) if event == "cancel" and t < when <= t + horizon]
        labels[user] = int(any(not any(c < back <= c + grace for back in comebacks) for c in cancels))
    return pd.Series(labels, name="churned", dtype=int)
