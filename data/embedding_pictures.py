"""2-D pictures of high-dimensional data: a continuous curve torn into islands, and islands that are real clusters."""

from __future__ import annotations

import numpy as np

from mlkata.generators import generator, require


@generator
def make_embedding_picture(
    *, torn: bool, n_islands: int = 4, per_island: int = 50, dim: int = 10, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(X, Y, islands)``: points in ``dim`` dimensions, their 2-D picture, and the island each sits on in it.

    Planted truths:
    - the picture ``Y`` shows ``n_islands`` islands of ``per_island`` points, their centres 10 apart
      or more, each island about 2 wide: to the eye, ``n_islands`` clusters;
    - ``torn=True``: ``X`` is one continuous curve (a random smooth curve in ``dim`` dimensions,
      stretched to just the length needed, points 0.1 apart along it, jitter 0.005), cut into
      ``n_islands`` consecutive pieces, and the picture lays each piece out on its own island, in
      its order along the curve. Neighbouring pieces touch in ``X``: the closest pair of points
      across a cut is about as close as neighbours within a piece (about 0.1; over 200 seeds the
      gap is 0.86-1.25 times the spacing), so no island is a cluster of ``X``;
    - ``torn=False``: ``X`` is ``n_islands`` round Gaussian clusters (standard deviation 1), centres
      40 apart or more, so that every cluster is at least 15 away from every other (over 200 seeds,
      7.4 times the spacing or more, the median nearest-neighbour distance being about 2.5); the
      picture keeps each cluster on its own island;
    - rows are shuffled; no two distances between rows are equal (no ties).
    """
    require(2 <= n_islands <= 10, f"n_islands must be from 2 to 10, got {n_islands}")
    require(per_island >= 10, f"per_island must be at least 10, got {per_island}")
    require(dim >= 3, f"dim must be at least 3, got {dim}")
    rng = np.random.default_rng(seed)
    n = n_islands * per_island
    islands = np.repeat(np.arange(n_islands), per_island)
    angle = 2 * np.pi * np.arange(n_islands) / n_islands
    centres = 10 / (2 * np.sin(np.pi / n_islands)) * np.column_stack([np.cos(angle), np.sin(angle)])
    if torn:
        # a smooth curve: random low-frequency sinusoids per coordinate, resampled to equal steps of 0.1
        fine = np.linspace(0, 1, 20 * n)
        frequencies = rng.uniform(0.3, 0.8, dim)
        phases = rng.uniform(0, 2 * np.pi, dim)
        curve = np.sin(2 * np.pi * np.outer(fine, frequencies) + phases) * rng.uniform(2, 4, dim)
        arc = np.concatenate([[0], np.cumsum(np.linalg.norm(np.diff(curve, axis=0), axis=1))])
        steps = np.arange(n) * 0.1
        stretch = 1.05 * steps[-1] / arc[-1]  # the curve's length, whatever its draw, just exceeds the points'
        curve, arc = curve * stretch, arc * stretch
        points = np.column_stack([np.interp(steps, arc, curve[:, d]) for d in range(dim)])
        points += rng.normal(scale=0.005, size=points.shape)
        along = np.arange(per_island) / per_island * 2 - 1
        layout = np.column_stack([np.tile(along, n_islands), 0.3 * np.sin(3 * np.tile(along, n_islands))])
        picture = centres[islands] + layout + rng.normal(scale=0.01, size=(n, 2))
    else:
        cluster_centres = rng.normal(size=(n_islands, dim))
        cluster_centres *= 40 / np.sqrt(2) / np.linalg.norm(cluster_centres, axis=1, keepdims=True)
        cluster_centres += np.eye(n_islands, dim) * 40 / np.sqrt(2)  # pairwise 40 apart or more
        offsets = rng.normal(size=(n, dim))
        points = cluster_centres[islands] + offsets
        picture = centres[islands] + 0.3 * offsets[:, :2]
    order = rng.permutation(n)
    return points[order], picture[order], islands[order]
