"""Drops every training user still active in the embargo, losing their earlier sessions too."""


def _training_mask(events, is_validation_user, start, gap):
    late = events["timestamp"] >= start - gap
    straddlers = events.loc[late, "user_id"].unique()
    return ~is_validation_user & ~events["user_id"].isin(straddlers).to_numpy() & ~late.to_numpy()
