"""Sensor-style tables driven by a few hidden factors, on wildly different scales: the data behind PCA exercises."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require


@generator
def make_latent_table(*, latent_dim: int, n: int = 300, n_features: int = 15, seed: int) -> pd.DataFrame:
    """``n`` rows of ``n_features`` numeric columns (``f00``, ``f01``, ...) driven by ``latent_dim`` hidden factors.

    Planted truths:
    - every column is one factor (columns are dealt to the factors in turn, at least three per factor)
      plus cross-loadings of at most 0.15 on the other factors and independent noise with a
      standard deviation of 0.2, then multiplied by its own scale, drawn log-uniformly from 0.001
      to 100, except one column scaled by 10,000, and shifted;
    - after standardising every column, the first ``latent_dim`` principal components explain at
      least 0.95 of the variance and the first ``latent_dim - 1`` at most 0.87 (for
      ``latent_dim >= 2``; measured over 80 seeds per latent_dim with the default sizes), so the
      smallest number of components reaching 90% is ``latent_dim``;
    - without standardising, the largest-scale column dominates: one component reaches 90%.
    """
    require(1 <= latent_dim <= 5, f"latent_dim must be from 1 to 5, got {latent_dim}")
    require(n_features >= 3 * latent_dim, f"n_features must be at least 3 * latent_dim, got {n_features}")
    require(n >= 50, f"n must be at least 50, got {n}")
    rng = np.random.default_rng(seed)
    factors = rng.normal(size=(n, latent_dim))
    loadings = rng.uniform(-0.15, 0.15, size=(latent_dim, n_features))
    owner = np.arange(n_features) % latent_dim
    loadings[owner, np.arange(n_features)] = rng.choice([-1.0, 1.0], size=n_features)
    values = factors @ loadings + rng.normal(scale=0.2, size=(n, n_features))
    scales = 10.0 ** rng.uniform(-3, 2, size=n_features)
    scales[rng.integers(n_features)] = 10.0**4  # one column dwarfs the others
    values = values * scales + rng.uniform(-100, 100, size=n_features) * scales
    return pd.DataFrame(values, columns=[f"f{j:02d}" for j in range(n_features)])
