"""Weighs both effects by last week alone: the interaction term is lost, so the parts do not add up to the change."""


def _shift_share(before, after):
    mix = (after["weight"] - before["weight"]) * before["auc"]
    within = (after["auc"] - before["auc"]) * before["weight"]
    return mix, within
