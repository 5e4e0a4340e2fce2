"""Leaves empty bins at a share of zero, so a category new or gone gives an infinite index."""


def _shares(labels, bins):
    return labels.value_counts(normalize=True).reindex(bins, fill_value=0.0).to_numpy(dtype=float)
