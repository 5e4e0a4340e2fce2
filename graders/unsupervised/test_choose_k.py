"""Graders for unsupervised/choose_k: a number of clusters, or 1 for "no structure"."""

import numpy as np
import pytest
import sklearn.cluster  # noqa: F401 - loads the OpenMP runtime, so that the limit below reaches it
from threadpoolctl import threadpool_limits

from data.cluster_shapes import (
    make_blob_groups,
    make_blobs_in_a_row,
    make_far_elongated_cloud,
    make_null_cloud,
    make_separated_blobs,
    make_uniform_cube,
)
from mlkata import as_int, expect, expect_rejected

K_MAX = 8


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """k-means on a few hundred points gains nothing from threads, and on a busy machine loses a lot to them."""
    with threadpool_limits(limits=1):
        yield


def decision(impl, points, seed) -> int:
    k = as_int(impl.choose_k(points, k_max=K_MAX, seed=seed % 1000), what="choose_k's result")
    expect(1 <= k <= K_MAX, f"choose_k returned {k}; it must be 1 (no structure) or a number of clusters up to k_max.")
    return k


def planted_k(seed) -> int:
    return 2 + seed % 7  # the audit's seeds cover every k from 2 to 8


def other_k(seed) -> int:
    return 2 + (seed + 3) % 7  # never planted_k(seed): a fixed answer cannot be right on both


def groups_k(seed) -> int:
    return 3 + (seed // 7) % 6


def row_k(seed) -> int:
    return 4 + (seed // 11) % 5


@pytest.fixture(scope="module")
def blobs_decision(impl, seed):
    points, _ = make_separated_blobs(k=planted_k(seed), seed=seed)
    return decision(impl, points, seed)


NULL_MESSAGES = {
    "elongated": (
        "200 points from one long, thin Gaussian lying diagonally (10 times longer than wide): one population, "
        "but its best silhouette is above 0.5 and a reference box drawn along the coordinate axes is mostly "
        "empty space. Draw reference data along the data's own principal axes."
    ),
    "uniform": (
        "200 points spread uniformly over a rectangle: there are no groups, yet k-means cuts it into tidy "
        "pieces and the best silhouette is around 0.4-0.5. Compare with what k-means achieves on "
        "structureless data of the same extent, not with a fixed silhouette bar."
    ),
    "gaussian": (
        "200 points from a single round Gaussian: one population. An argmax over k of any score never "
        "answers 1; the decision 'none' needs a comparison with data that has no clusters."
    ),
}


def blobs_message(found: int) -> str:
    if found == 1:
        return "It said there is no structure where the groups are unmistakable: is your test for 'none' too strict?"
    return (
        "Groups this far apart leave no doubt; check the k-means fits (several starts) and the rule that turns "
        "your scores into a k."
    )


# the order is for speed: an audit skips a mutant's remaining tests once one fails, and every call on data costs a
# sweep of k-means fits; bad input, k_max=2 and the far cloud decide many mistakes in a call or two, so they come
# first, and the eight cubes, which decide only the weakened no-structure rules, come last
@pytest.mark.points(1)
def test_bad_input_raises(impl):
    """Are 1-d input, too few rows, NaN and k_max below 2 refused with ValueError?"""
    grid = np.arange(40.0).reshape(20, 2)
    with_nan = grid.copy()
    with_nan[3, 1] = np.nan
    cases = {
        "a 1-d array": ((np.arange(20.0),), {}),
        "5 rows with k_max=8": ((grid[:5],), {"k_max": 8}),
        "8 rows with k_max=8 (k_max + 1 are needed)": ((grid[:8],), {"k_max": 8}),
        "a NaN in the points": ((with_nan,), {"k_max": 4}),
        "k_max=1": ((grid,), {"k_max": 1}),
    }
    expect_rejected(impl, "choose_k", cases)


@pytest.mark.points(1)
def test_k_max_of_2(impl, seed):
    """With k_max=2 (allowed) on 2 separated blobs, is the answer 2?"""
    points, _ = make_separated_blobs(k=2, seed=seed + 4)
    found = as_int(impl.choose_k(points, k_max=2, seed=seed % 1000), what="choose_k's result")
    expect(
        found == 2,
        f"On 2 round blobs 10 standard deviations apart with k_max=2 (allowed: k_max must be at least 2), "
        f"choose_k returned {found}.",
    )


@pytest.mark.points(1)
def test_no_structure_far_from_the_origin(impl, seed, blobs_decision):
    """On one thin Gaussian at an angle, far out along the first coordinate, is the answer 1?"""
    expect(blobs_decision > 1, "choose_k answered 1 on separated blobs, so its 1 elsewhere says nothing.")
    # over 40 seeds the reference's gap gain here is 0.00; centring on the mean of all coordinates instead of each
    # column's mean turns its reference box 45 degrees and gains 0.85-1.23, against the threshold of 0.5
    found = decision(impl, make_far_elongated_cloud(seed=seed + 5), seed)
    expect(
        found == 1,
        f"choose_k returned {found} on a single long, thin 2-d Gaussian lying at an angle to the axes, about 1000 "
        "from the origin along the first coordinate and near 0 along the second. Shifting the data must not change "
        "the answer: centre each column on its own mean before finding the principal axes of the reference data.",
    )


@pytest.mark.points(6)
def test_recovers_k_on_separated_blobs(impl, blobs_decision, seed):
    """On round blobs at least 10 standard deviations apart, alone or in two far groups, is k found exactly?"""
    # over 500 audit seeds the reference (250 for the scikit-learn gap statistic) recovers k on every one of the
    # three sets; over 150 seeds the reference's gap gain over k=1 is 1.37-3.74 on the blobs and 4.84-6.50 on the
    # groups, against its threshold of 0.5
    expect(
        blobs_decision == planted_k(seed),
        "On 2 to 8 round 2-d blobs of 30 points each, every pair of centres at least 10 standard deviations "
        f"apart, choose_k returned {blobs_decision}, which is not the number of blobs. "
        + blobs_message(blobs_decision),
    )
    # the best silhouette over k here is always the two groups' (0.91 or more over 100 seeds), so neither the
    # silhouette's argmax nor any silhouette bar finds k
    found = decision(impl, make_blob_groups(k=groups_k(seed), seed=seed + 2)[0], seed)
    expect(
        found == groups_k(seed),
        f"On {groups_k(seed)} round 2-d blobs 10 standard deviations apart or more, in two groups 200 apart, "
        f"choose_k returned {found}. Every blob is a cluster: the silhouette prefers the two groups, and a rule that "
        "stops at the first k not clearly beaten by the next stops there too. Take the smallest k whose score is "
        "close to the best over all k.",
    )
    found = decision(impl, make_separated_blobs(k=other_k(seed), seed=seed + 1)[0], seed)
    expect(
        found == other_k(seed),
        "On a second set of round 2-d blobs, with another number of blobs, every pair of centres at least 10 "
        f"standard deviations apart, choose_k returned {found}, which is not the number of blobs. "
        + blobs_message(found),
    )


@pytest.mark.points(1)
def test_points_are_not_rescaled(impl, seed):
    """On blobs in a row along one coordinate, with noise in three more, is k found on the points as given?"""
    k = row_k(seed)
    # over 500 audit seeds the reference (250 for the scikit-learn gap statistic) finds k on every one, with a gap
    # gain of 1.20-1.64 over 150 seeds; scaling each column to unit variance first never finds it (250 seeds)
    found = decision(impl, make_blobs_in_a_row(k=k, seed=seed + 3)[0], seed)
    expect(
        found == k,
        f"On {k} round blobs 10 standard deviations apart in a row along the first of 4 coordinates, choose_k "
        f"returned {found}. The points are on a common scale already: scaling each column to unit variance shrinks "
        "the row until the blobs blur into the noise of the other coordinates.",
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("shape", list(NULL_MESSAGES))
def test_no_structure_is_reported_as_1(impl, seed, blobs_decision, shape):
    """On a single population (rotated elongated Gaussian, uniform box, round Gaussian), is the answer 1?"""
    expect(
        blobs_decision > 1,
        "choose_k answered 1 (no structure) on 2 to 8 round blobs at least 10 standard deviations apart, so its 1 on "
        "a single population says nothing: answering 1 everywhere is not a validator. Fix the blobs first.",
    )
    # over 150 audit seeds the reference's gap gain is at most 0.23 (uniform), 0.07 (Gaussian), 0.15 (elongated)
    # against its threshold of 0.5; with an axis-aligned box the elongated cloud gains 0.81-1.40; the best
    # silhouette of the elongated cloud is 0.52-0.58 (over 60 seeds), above the 0.5 rule of thumb
    found = decision(impl, make_null_cloud(shape=shape, seed=seed), seed)
    expect(found == 1, f"choose_k found clusters in {NULL_MESSAGES[shape]}")


CUBES = 8  # a single cube shows whether k = 1 is merely within noise of the best k only about half the time


@pytest.mark.points(1)
def test_no_structure_in_uniform_cubes(impl, seed, blobs_decision):
    """On 3-d uniform cubes, whose gap curve is flat up to noise, is the answer always 1?"""
    expect(blobs_decision > 1, "choose_k answered 1 on separated blobs, so its 1 elsewhere says nothing.")
    # over 60 seeds of 8 cubes the reference's best gap beats k = 1 by 0.22 at most (threshold 0.5), while the gap
    # at k = 1 is 0.15-0.76: dropping the minimum gain, or testing the best gap plus the gap at k = 1 against it,
    # answers more than 1 on at least one of the 8 cubes on every one of the 60 seeds
    for index in range(CUBES):
        found = decision(impl, make_uniform_cube(n=200, dim=3, seed=CUBES * seed + index), seed)
        expect(
            found == 1,
            f"choose_k returned {found} on 200 points uniform in a 3-d cube: one population. Its gap curve is flat "
            "up to noise, so the best k beats k = 1 by a little, sometimes by more than one standard error; "
            "'no structure' must also be the answer when the best k gains little over k = 1.",
        )
