"""Customer segments with planted profiles and conversion rates: the data behind describing and validating clusters."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require

# (name, typical value, spread): deliberately on very different scales
SEGMENT_FEATURES = (
    ("monthly_spend", 120.0, 40.0),
    ("tenure_days", 700.0, 250.0),
    ("sessions_per_week", 4.0, 1.5),
    ("basket_items", 6.0, 2.0),
    ("discount_share", 0.25, 0.08),
    ("return_rate", 0.05, 0.02),
    ("support_tickets", 1.0, 0.4),
    ("app_share", 0.6, 0.15),
    ("email_open_rate", 0.3, 0.1),
    ("night_orders", 0.1, 0.03),
)


@generator
def make_segment_profiles(
    *, n_clusters: int = 4, n: int = 1200, shift: float = 2.0, seed: int
) -> tuple[pd.DataFrame, np.ndarray, dict]:
    """Customers in ``n_clusters`` segments: ``(features, labels, planted)``.

    ``features`` has the columns of ``SEGMENT_FEATURES`` (floats on scales from hundreds to
    hundredths); ``labels`` holds each row's segment, 0..n_clusters-1; ``planted`` maps each segment
    to ``{"above": feature, "below": feature}``.

    Planted truths:
    - every segment differs from the others in exactly two features of its own, shifted by
      ``shift`` spreads of that feature: one upwards (``"above"``), one downwards (``"below"``); no
      two segments share a planted feature, and the planted features are chosen at random, so they
      are often among the small-scale ones (rates and shares);
    - on every other feature a segment sits within 0.15 spreads of the base level;
    - segment shares are unequal (drawn from 0.12 to 0.4 before normalising); rows are shuffled.
    """
    require(2 <= n_clusters <= len(SEGMENT_FEATURES) // 2, f"n_clusters must be 2 to 5, got {n_clusters}")
    require(n >= 50 * n_clusters, f"n must be at least 50 per segment, got {n}")
    require(shift > 0, f"shift must be positive, got {shift}")
    rng = np.random.default_rng(seed)
    shares = rng.uniform(0.12, 0.4, n_clusters)
    labels = rng.choice(n_clusters, size=n, p=shares / shares.sum())
    labels[:n_clusters] = np.arange(n_clusters)  # every segment present
    rng.shuffle(labels)
    names = [name for name, _, _ in SEGMENT_FEATURES]
    chosen = rng.permutation(len(names))[: 2 * n_clusters]
    offsets = rng.uniform(-0.15, 0.15, size=(n_clusters, len(names)))
    planted = {}
    for cluster in range(n_clusters):
        up, down = chosen[2 * cluster], chosen[2 * cluster + 1]
        offsets[cluster, up], offsets[cluster, down] = shift, -shift
        planted[cluster] = {"above": names[up], "below": names[down]}
    columns = {}
    for j, (name, level, spread) in enumerate(SEGMENT_FEATURES):
        columns[name] = level + spread * (offsets[labels, j] + rng.normal(size=n))
    return pd.DataFrame(columns), labels, planted


@generator
def make_segment_conversions(
    *, n_clusters: int = 6, base_rate: float = 0.08, planted: bool = True, seed: int
) -> tuple[np.ndarray, np.ndarray, dict]:
    """Customers' segments and whether each converted: ``(labels, converted, truth)``.

    ``labels`` are ints 0..n_clusters-1, ``converted`` 0/1 ints, aligned; ``truth`` maps the
    planted segments to ``"higher"`` or ``"lower"`` (empty when ``planted`` is False).

    Planted truths:
    - segment sizes are very unequal, drawn from 150 to 2,000 customers (the planted segments from
      400 to 2,000), so raw conversion counts mostly reflect size;
    - with ``planted``: one segment converts at 2.2 times ``base_rate`` and another at 0.3 times it,
      differences large enough that a test of each segment against the rest finds them after a
      Bonferroni correction (z about 4 or more); every other segment converts at exactly
      ``base_rate`` (in expectation);
    - without ``planted``: every segment converts at ``base_rate``: any segment flagged is a false
      positive;
    - rows are shuffled.
    """
    require(3 <= n_clusters <= 20, f"n_clusters must be from 3 to 20, got {n_clusters}")
    require(0.01 <= base_rate <= 0.3, f"base_rate must be in [0.01, 0.3], got {base_rate}")
    rng = np.random.default_rng(seed)
    sizes = rng.integers(150, 2001, size=n_clusters)
    rates = np.full(n_clusters, base_rate)
    truth = {}
    if planted:
        higher, lower = (int(c) for c in rng.choice(n_clusters, size=2, replace=False))
        sizes[[higher, lower]] = rng.integers(400, 2001, size=2)
        rates[higher], rates[lower] = 2.2 * base_rate, 0.3 * base_rate
        truth = {higher: "higher", lower: "lower"}
    labels = np.repeat(np.arange(n_clusters), sizes)
    converted = (rng.random(len(labels)) < rates[labels]).astype(int)
    order = rng.permutation(len(labels))
    return labels[order], converted[order], truth
