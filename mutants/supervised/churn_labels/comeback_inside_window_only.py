"""Counts a comeback only when it falls inside the outcome window, not anywhere in the grace period."""


def _churned(trials, events, horizon, grace):
    joined = events.merge(trials, on="user_id")
    in_window = (joined["timestamp"] > joined["trial_end"]) & (joined["timestamp"] <= joined["trial_end"] + horizon)
    cancels = joined[in_window & (joined["event"] == "cancel")]
    returns = joined[in_window & (joined["event"] == "subscribe")][["user_id", "timestamp"]]
    paired = cancels.merge(returns.rename(columns={"timestamp": "back"}), on="user_id", how="left")
    came_back = (paired["back"] > paired["timestamp"]) & (paired["back"] <= paired["timestamp"] + grace)
    wobbles = paired[came_back].groupby(["user_id", "timestamp"]).size()
    sticking = cancels.set_index(["user_id", "timestamp"]).index.difference(wobbles.index)
    return trials["user_id"].isin(sticking.get_level_values("user_id"))
