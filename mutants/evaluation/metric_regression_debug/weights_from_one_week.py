"""Weighs the mix effect by last week's AUC and the within effect by this week's weights, not the average."""


def _shift_share(before, after):
    mix = (after["weight"] - before["weight"]) * before["auc"]
    within = (after["auc"] - before["auc"]) * after["weight"]
    return mix, within
