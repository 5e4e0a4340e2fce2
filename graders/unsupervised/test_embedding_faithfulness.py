"""Graders for unsupervised/embedding_faithfulness: trustworthiness, continuity, and islands checked in the data."""

import numpy as np
import pytest

from data.embedding_pictures import make_embedding_picture
from mlkata import as_float, as_mapping, expect, expect_rejected

DEFINITIONS = (
    "Neighbours are by Euclidean distance, never the point itself, the lower row index first on equal distances; "
    "ranks start at 1 for the nearest; the sum runs over neighbours in one space missing from the other, "
    "penalised by their rank minus k in the space they are missing from, normalised by 2 / (n k (2n - 3k - 1))."
)
PICTURE = "a picture of 4 islands of 50 points over points in 10 dimensions"


def measure(impl, name, X, Y, k) -> float:
    return as_float(getattr(impl, name)(X, Y, k=k), what=f"{name}'s result")


def tied_grid(seed) -> tuple[np.ndarray, np.ndarray]:
    """A 5 x 5 integer grid (distances tie everywhere) and a picture of it with some rows swapped and squashed."""
    rng = np.random.default_rng(seed)
    grid = np.array([(a, b) for a in range(5) for b in range(5)], dtype=float)
    picture = grid[rng.permutation(25)] if seed % 2 else grid.copy()
    swaps = rng.choice(25, size=(4, 2), replace=False)
    for a, b in swaps:
        picture[[a, b]] = picture[[b, a]]
    picture[:, 1] *= 0.5  # still integer halves: ties remain
    return grid, picture


@pytest.mark.points(4)
@pytest.mark.parametrize("name", ["trustworthiness", "continuity"])
def test_exact_on_a_grid_with_ties(impl, reference, seed, name):
    """On a 5 x 5 grid, where distances tie everywhere, is the measure exact for k = 1, 4 and 12 (the largest)?"""
    X, Y = tied_grid(seed)
    for k in (1, 4, 12):
        mine = measure(impl, name, X, Y, k)
        expect(
            abs(mine - measure(reference, name, X, Y, k)) <= 1e-12,
            f"On 25 points of a 5 x 5 integer grid and a picture with a few rows swapped (many equal distances in "
            f"both), {name} with k={k} is off. {DEFINITIONS} Equal distances are ordered by row index: a stable "
            "sort (kind='stable') does that, the default one need not.",
        )


@pytest.mark.points(3)
@pytest.mark.parametrize("name", ["trustworthiness", "continuity"])
def test_exact_on_random_points(impl, reference, seed, name):
    """On 60 random points in 6 dimensions and a random picture, is the measure exact for k = 1, 5 and 29?"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 6)) * [1, 1, 1, 4, 4, 4]
    Y = rng.normal(size=(60, 2))
    for k in (1, 5, 29):
        mine = measure(impl, name, X, Y, k)
        expect(
            abs(mine - measure(reference, name, X, Y, k)) <= 1e-12,
            f"On 60 random points in 6 dimensions and an unrelated random 2-d picture, {name} with k={k} is off. "
            f"{DEFINITIONS} Check which space each rank comes from, and the distance (Euclidean).",
        )


@pytest.mark.points(1)
@pytest.mark.parametrize("name", ["trustworthiness", "continuity"])
def test_bad_input_raises(impl, name):
    """Are k = 0, k = n/2, k above it, mismatched rows and 1-d input refused with ValueError?"""
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(20, 4)), rng.normal(size=(20, 2))
    cases = {
        "k=0": ((X, Y), {"k": 0}),
        "k=10 with 20 rows (k must be below n/2)": ((X, Y), {"k": 10}),
        "k=15 with 20 rows": ((X, Y), {"k": 15}),
        "X with 20 rows and Y with 19": ((X, Y[:-1]), {"k": 3}),
        "X with 20 rows and Y with 1": ((X, Y[:1]), {"k": 3}),
        "a 1-d X": ((X[:, 0], Y), {"k": 3}),
    }
    expect_rejected(impl, name, cases)


def island_verdicts(impl, X, islands, **kwargs) -> dict:
    labels = sorted(set(np.asarray(islands).tolist()))
    found = as_mapping(impl.supported_islands(X, islands, **kwargs), what="supported_islands' result", keys=labels)
    for label, verdict in found.items():
        expect(
            isinstance(verdict, bool | np.bool_),
            f"supported_islands should map each island to a bool; island {label!r} got {type(verdict).__name__}.",
        )
    return {label: bool(verdict) for label, verdict in found.items()}


@pytest.fixture(scope="module")
def torn_verdicts(impl, seed):
    X, _, islands = make_embedding_picture(torn=True, seed=seed)
    return island_verdicts(impl, X, islands)


@pytest.fixture(scope="module")
def cluster_verdicts(impl, seed):
    X, _, islands = make_embedding_picture(torn=False, seed=seed)
    return island_verdicts(impl, X, islands)


TORN = (
    f"On {PICTURE} that is one continuous curve cut into 4 pieces, one piece per island, "
    "supported_islands called {wrong} island(s) a cluster of the data. Across each cut the closest points are "
    "about as close as neighbours within a piece (the gap is near the spacing), so no island is separated in X."
)
REAL = (
    f"On {PICTURE} that are 4 round clusters of X at least 15 apart (spacing about 2.5), supported_islands "
    "rejected {wrong} of them. The gap is the smallest distance in X from an island to the rest, the spacing the "
    "median distance from a point to its nearest other point."
)


@pytest.mark.points(3)
def test_torn_curve_is_not_clusters(torn_verdicts, cluster_verdicts):
    """Are the islands of a torn continuous curve found unsupported (where real clusters are supported)?"""
    # over 200 seeds the gap of a torn island is 0.86-1.25 times the spacing, of a real cluster 7.4 times or more;
    # the default factor is 3
    expect(
        all(cluster_verdicts.values()),
        REAL.format(wrong=sum(not v for v in cluster_verdicts.values()))
        + " A check that never says 'supported' cannot be credited for unmasking the torn curve.",
    )
    expect(not any(torn_verdicts.values()), TORN.format(wrong=sum(torn_verdicts.values())))


@pytest.mark.points(2)
def test_real_clusters_are_supported(torn_verdicts, cluster_verdicts):
    """Are four real, well-separated clusters all found supported (where a torn curve is not)?"""
    expect(
        not any(torn_verdicts.values()),
        TORN.format(wrong=sum(torn_verdicts.values()))
        + " A check that always says 'supported' cannot be credited for the real clusters.",
    )
    expect(all(cluster_verdicts.values()), REAL.format(wrong=sum(not v for v in cluster_verdicts.values())))


@pytest.mark.points(2)
def test_gap_boundary_and_labels(impl, reference):
    """On points of a line, is a gap of exactly factor x spacing unsupported, a little more supported, and are
    string labels, two islands, a close pair and a far outlier handled?"""
    X = 2 * np.array([0, 0.25, 1, 2, 3, 4, 5, 8, 9, 10, 11, 100], dtype=float)[:, None]
    islands = np.array(["left"] * 7 + ["right"] * 4 + ["far"])
    for rows, factor in ((slice(None), 3.0), (slice(None), 2.9), (slice(0, 11), 0.5)):
        mine = island_verdicts(impl, X[rows], islands[rows], factor=factor)
        expect(
            mine == island_verdicts(reference, X[rows], islands[rows], factor=factor),
            f"On {len(islands[rows])} points of a line in {len(set(islands[rows]))} islands, most 2 apart, one close "
            f"pair, a gap of 6 between the two main islands{', one point far away' if factor > 1 else ''}, with "
            f"factor={factor:g}, supported_islands is wrong. Supported means a gap strictly more than factor times "
            "the spacing, the median nearest-neighbour distance (neither the smallest one nor the mean, which one "
            "far point inflates).",
        )


@pytest.mark.points(1)
def test_islands_bad_input_raises(impl):
    """Are a single island, a label count that differs from the rows, and a factor of 0 refused with ValueError?"""
    X = np.arange(12.0).reshape(6, 2)
    cases = {
        "every row on one island": ((X, [0] * 6), {}),
        "5 labels for 6 rows": ((X, [0, 0, 0, 1, 1]), {}),
        "factor=0": ((X, [0, 0, 0, 1, 1, 1]), {"factor": 0.0}),
        "factor=-1": ((X, [0, 0, 0, 1, 1, 1]), {"factor": -1.0}),
    }
    expect_rejected(impl, "supported_islands", cases)
