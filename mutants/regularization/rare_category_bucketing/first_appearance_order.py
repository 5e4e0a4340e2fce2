"""Numbers kept categories in order of first appearance, so the codes depend on row order."""

import pandas as pd


def _kept_codes(train_categories, min_count):
    counts = pd.Series(train_categories).value_counts(sort=False)
    first_seen = pd.unique(pd.Series(train_categories))
    kept = [c for c in first_seen if counts[c] >= min_count]
    return {category: code for code, category in enumerate(kept)}
