"""Breaks ties in the training count by name in descending order instead of ascending."""

import pandas as pd


def _kept_codes(train_categories, min_count):
    counts = pd.Series(train_categories).value_counts()
    kept = counts[counts >= min_count]
    ordered = sorted(sorted(kept.index, reverse=True), key=lambda category: -kept[category])
    return {category: code for code, category in enumerate(ordered)}
