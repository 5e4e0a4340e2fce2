"""Ends training at the validation start: no embargo gap between the two."""


def _training_mask(events, is_validation_user, start, gap):
    return ~is_validation_user & (events["timestamp"] < start).to_numpy()
