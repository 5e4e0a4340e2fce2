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
        if k == 1:
            return np.array(centres)
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
def make_blob_groups(
    *, k: int, per_cluster: int = 30, separation: float = 10.0, apart: float = 200.0, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """``k`` round 2-d Gaussian blobs in two far-apart groups: the points (rows shuffled) and each point's blob.

    Planted truths:
    - every blob has exactly ``per_cluster`` points with standard deviation 1 in every direction, and
      every pair of centres is at least ``separation`` apart: the true number of clusters is ``k``;
    - the blobs form two groups (``ceil(k / 2)`` and ``floor(k / 2)`` blobs) whose centres are
      ``apart`` from each other, far more than the blobs inside a group: with ``k >= 3`` the best
      silhouette over k belongs to the two groups (about 0.95), not to the ``k`` blobs (about 0.8).
    """
    require(isinstance(k, int) and 2 <= k <= 12, f"k must be an int from 2 to 12, got {k!r}")
    require(per_cluster >= 5, f"per_cluster must be at least 5, got {per_cluster}")
    require(0 < separation < apart, f"need 0 < separation < apart, got {separation} and {apart}")
    rng = np.random.default_rng(seed)
    first = _spread_centres(rng, (k + 1) // 2, 2, separation)
    angle = rng.uniform(0, 2 * np.pi)
    second = _spread_centres(rng, k // 2, 2, separation) + apart * np.array([np.cos(angle), np.sin(angle)])
    centres = np.vstack([first, second])
    blob = np.repeat(np.arange(k), per_cluster)
    points = centres[blob] + rng.normal(size=(len(blob), 2))
    order = rng.permutation(len(blob))
    return points[order] + rng.uniform(-20, 20, size=2), blob[order]


@generator
def make_blobs_in_a_row(
    *, k: int, per_cluster: int = 30, dim: int = 4, separation: float = 10.0, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """``k`` round Gaussian blobs in a row along the first coordinate: the points (rows shuffled) and each blob.

    Planted truths:
    - every blob has exactly ``per_cluster`` points with standard deviation 1 in every direction;
    - the centres lie on the first coordinate axis, each ``separation`` from the next; the other
      ``dim - 1`` coordinates are noise, the same for every blob;
    - the first coordinate varies far more than the others: scaling every column to unit variance
      shrinks the distances between neighbouring blobs (to 2 or less for ``k >= 2``, to under 1 for
      ``k >= 4``) below the spread of the noise coordinates, and the row blurs into one cloud.
    """
    require(isinstance(k, int) and 1 <= k <= 12, f"k must be an int from 1 to 12, got {k!r}")
    require(per_cluster >= 5, f"per_cluster must be at least 5, got {per_cluster}")
    require(dim >= 2, f"dim must be at least 2, got {dim}")
    require(separation > 0, f"separation must be positive, got {separation}")
    rng = np.random.default_rng(seed)
    blob = np.repeat(np.arange(k), per_cluster)
    points = rng.normal(size=(len(blob), dim))
    points[:, 0] += separation * blob
    order = rng.permutation(len(blob))
    return points[order] + rng.uniform(-20, 20, size=dim), blob[order]


@generator
def make_square_of_blobs(*, per_blob: int = 20, side: float = 12.0, seed: int) -> np.ndarray:
    """Four round 2-d blobs at the corners of a square, exactly symmetric under a quarter turn about its centre.

    Planted truths:
    - one blob of ``per_blob`` points with standard deviation 1 is drawn, and the other three are
      copies of it turned by 90, 180 and 270 degrees about the square's centre (corners ``side``
      apart): the whole table is unchanged by a quarter turn;
    - so for k=2, the split into top and bottom halves and the split into left and right halves
      are equally good on the whole table; a subsample breaks the tie at random, each way half the
      time, and two subsamples agree (adjusted Rand index about 1) or not (about 0) with equal odds.
    """
    require(per_blob >= 5, f"per_blob must be at least 5, got {per_blob}")
    require(side > 0, f"side must be positive, got {side}")
    rng = np.random.default_rng(seed)
    blob = np.array([side / 2, side / 2]) + rng.normal(size=(per_blob, 2))
    quarter = np.array([[0.0, -1.0], [1.0, 0.0]])
    turns = [blob]
    for _ in range(3):
        turns.append(turns[-1] @ quarter.T)
    points = np.vstack(turns)
    return points[rng.permutation(len(points))] + rng.uniform(-20, 20, size=2)


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


@generator
def make_far_elongated_cloud(*, n: int = 200, offset: float = 1000.0, seed: int) -> np.ndarray:
    """One long, thin 2-d Gaussian far from the origin along the first coordinate.

    Planted truths (one population, no cluster structure):
    - standard deviation 10 along its long axis and 1 across, the long axis turned 10 to 20 degrees
      (either way) from the first coordinate axis: it lies at an angle to both axes;
    - its centre is about ``offset`` along the first coordinate and near 0 along the second, so the
      columns' means differ by about ``offset``. Centred on each column's mean, its principal axes are
      its own; centred on the mean of all coordinates instead, the offset left over points at 45
      degrees to the axes and becomes the first principal axis, 25 to 35 degrees from the cloud's own.
    """
    require(n >= 20, f"n must be at least 20, got {n}")
    require(offset >= 0, f"offset must be non-negative, got {offset}")
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(n, 2)) * [10.0, 1.0]
    angle = np.deg2rad(rng.uniform(10, 20)) * rng.choice([-1, 1])
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return points @ rotation.T + rng.uniform(-20, 20, size=2) + [offset, 0.0]


@generator
def make_uniform_cube(*, n: int = 300, dim: int = 3, side: float = 10.0, seed: int) -> np.ndarray:
    """``n`` points uniform in a ``dim``-dimensional cube of the given side, at a random place.

    Planted truths (one population, no cluster structure):
    - all sides are equal, so the principal axes of a sample point in no particular direction: a
      uniform box drawn along them is usually larger than the cube, and the gap statistic at k = 1 is
      well above 0 (0.15 to 0.81 in log-units with n=200 to 600 in 3-d);
    - k-means gains over that box about as much at every k, so the gap curve is flat up to noise:
      its maximum beats k = 1 by a quarter of a log-unit at most, yet often by more than one standard error.
    """
    require(n >= 20, f"n must be at least 20, got {n}")
    require(dim >= 2, f"dim must be at least 2, got {dim}")
    require(side > 0, f"side must be positive, got {side}")
    rng = np.random.default_rng(seed)
    return rng.uniform(0, side, size=(n, dim)) + rng.uniform(-20, 20, size=dim)
