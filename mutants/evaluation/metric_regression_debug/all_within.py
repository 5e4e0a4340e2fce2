"""Attributes the whole change of each segment's weighted AUC to the model: no mix effect at all."""

import pandas as pd


def _shift_share(before, after):
    within = after["weight"] * after["auc"] - before["weight"] * before["auc"]
    return pd.Series(0.0, index=before.index), within
