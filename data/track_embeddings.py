"""Item embeddings in tight groups with wildly different norms: the data behind nearest-neighbour retrieval."""

from __future__ import annotations

import numpy as np

from mlkata.generators import generator, require


@generator
def make_track_embeddings(
    *, n_groups: int = 40, group_size: int = 5, dim: int = 16, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """``(embeddings, group)``: ``n_groups * group_size`` rows of ``dim`` floats, and each row's group.

    Planted truths:
    - the rows of a group point in nearly the same direction (a random unit direction plus noise
      of 0.05 per coordinate before scaling), while different groups' directions are unrelated, so by
      cosine similarity each row's ``group_size - 1`` nearest other rows are exactly its group mates;
    - every row is scaled by its own norm, drawn log-uniformly from 0.05 to 20: a dot product
      without normalising ranks long vectors first, whatever their direction;
    - rows are shuffled; no two rows are identical.
    """
    require(n_groups >= 2, f"n_groups must be at least 2, got {n_groups}")
    require(group_size >= 2, f"group_size must be at least 2, got {group_size}")
    require(dim >= 4, f"dim must be at least 4, got {dim}")
    rng = np.random.default_rng(seed)
    directions = rng.normal(size=(n_groups, dim))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    group = np.repeat(np.arange(n_groups), group_size)
    rows = directions[group] + rng.normal(scale=0.05, size=(len(group), dim))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    rows *= 10.0 ** rng.uniform(np.log10(0.05), np.log10(20), size=(len(group), 1))
    order = rng.permutation(len(group))
    return rows[order], group[order]
