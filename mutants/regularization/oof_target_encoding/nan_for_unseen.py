"""Leaves categories absent from the fitted rows as NaN instead of encoding them as the prior."""

import pandas as pd


def _apply(encoding, prior, categories):
    return pd.Series(categories).map(encoding).to_numpy(dtype=float)
