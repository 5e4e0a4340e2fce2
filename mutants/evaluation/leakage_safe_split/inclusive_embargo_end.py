"""Keeps training sessions at start - gap itself (<= instead of <), one instant inside the embargo."""


def _training_mask(events, is_validation_user, start, gap):
    return ~is_validation_user & (events["timestamp"] <= start - gap).to_numpy()
