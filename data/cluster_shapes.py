"""Point clouds with and without cluster structure: the data behind choosing k and cluster stability."""

from __future__ import annotations

import numpy as np

from mlkata.generators import generator, require

NULL_SHAPES = ("uniform", "gaussian", "elongated")


def _spread_centres(rng: np.random.Generator, k: int, dim: int, separation: float) -> np.ndarray:
    """``k`` centres, every pair at least ``separation`` apart, in a box just large enough to hold them."""
    side = separation * max(2.0, 1.6 * k ** (1 / dim))
    for _ in range(10_000):
        centres = [rng.uniform(0, side, dim)]
        for _ in range(200 * k):
            candidate = rng.uniform(0, side, dim)
            if min(np.linalg.norm(candidate - c) for c in centres) >= separation:
                centres.append(candidate)
                if len(centres) == k:
                    return np.array(centres)
        side *= 1.05
    raise RuntimeError("could not place the centres")  # pragma: no cover - the box keeps growing


@generator
def make_separated_blobs(
    *, k: int, per_cluster: int = 30, dim: int = 2, separation: float = 10.0, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """``k`` round Gaussian blobs: the points (rows shuffled) and each point's blob (0..k-1).

    Planted truths:
    - every blob has exactly ``per_cluster`` points drawn from a Gaussian with standard deviation 1
      in every direction;
    - every pair of blob centres is at least ``separation`` (in standard deviations) apart, and
      the centres fill a box only a little larger than needed, so no blobs form a group of their own
      far from the rest: the true number of clusters is exactly ``k``.
    """
    require(isinstance(k, int) and 1 <= k <= 12, f"k must be an int from 1 to 12, got {k!r}")
    require(per_cluster >= 5, f"per_cluster must be at least 5, got {per_cluster}")
    require(dim >= 2, f"dim must be at least 2, got {dim}")
    require(separation > 0, f"separation must be positive, got {separation}")
    rng = np.random.default_rng(seed)
    centres = _spread_centres(rng, k, dim, separation)
    blob = np.repeat(np.arange(k), per_cluster)
    points = centres[blob] + rng.normal(size=(len(blob), dim))
    order = rng.permutation(len(blob))
    return points[order], blob[order]


@generator
def make_null_cloud(*, shape: str, n: int = 200, dim: int = 2, seed: int) -> np.ndarray:
    """``n`` points with no cluster structure at all, of one of three shapes.

    Planted truths (there is one population, never several):
    - ``"uniform"``: uniform in an axis-aligned box whose sides are drawn from 6 to 12;
    - ``"gaussian"``: one round Gaussian, standard deviation 3 in every direction;
    - ``"elongated"``: one Gaussian with standard deviation 10 along one axis and 1 along the others,
      rotated by an angle of 30 to 60 degrees in the plane of the first two coordinates, so that it
      lies diagonally across any axis-aligned box around it (and the coordinates are correlated).
    The cloud is centred at a random point; rows are in random order.
    """
    require(shape in NULL_SHAPES, f"shape must be one of {NULL_SHAPES}, got {shape!r}")
    require(n >= 20, f"n must be at least 20, got {n}")
    require(dim >= 2, f"dim must be at least 2, got {dim}")
    rng = np.random.default_rng(seed)
    if shape == "uniform":
        points = rng.uniform(0, 1, size=(n, dim)) * rng.uniform(6, 12, size=dim)
    elif shape == "gaussian":
        points = rng.normal(scale=3.0, size=(n, dim))
    else:
        points = rng.normal(size=(n, dim)) * np.r_[10.0, np.ones(dim - 1)]
        angle = np.deg2rad(rng.uniform(30, 60))
        rotation = np.eye(dim)
        rotation[:2, :2] = [[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]]
        points = points @ rotation.T
    return points + rng.uniform(-20, 20, size=dim)


@generator
def make_gaussian_noise(*, n: int = 200, dim: int = 30, seed: int) -> np.ndarray:
    """``n`` points of standard Gaussian noise in ``dim`` dimensions.

    Planted truth: no cluster structure at all; in many dimensions k-means splits such a cloud
    differently on every subsample.
    """
    require(n >= 20, f"n must be at least 20, got {n}")
    require(dim >= 2, f"dim must be at least 2, got {dim}")
    return np.random.default_rng(seed).normal(size=(n, dim))
