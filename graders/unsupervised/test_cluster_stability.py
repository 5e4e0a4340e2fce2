"""Graders for unsupervised/cluster_stability: ARI between k-means partitions of overlapping subsamples."""

import numpy as np
import pytest
import sklearn.cluster  # noqa: F401 - loads the OpenMP runtime, so that the limit below reaches it
from threadpoolctl import threadpool_limits

from data.cluster_shapes import make_gaussian_noise, make_separated_blobs, make_square_of_blobs
from mlkata import as_float, expect, expect_at_least, expect_at_most, expect_rejected

PAIRS = 3


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """k-means on a few hundred points gains nothing from threads, and on a busy machine loses a lot to them."""
    with threadpool_limits(limits=1):
        yield


NOISE = "200 points of 30-dimensional Gaussian noise, k=3"


def stability(impl, points, k, seed, pairs=PAIRS, share=0.8):
    score = as_float(
        impl.cluster_stability(points, k, share=share, n_pairs=pairs, seed=seed), what="cluster_stability's result"
    )
    expect(-1 <= score <= 1, f"cluster_stability returned {score:.3f}; an adjusted Rand index lies in [-1, 1].")
    return score


def planted_k(seed) -> int:
    return 3 + seed % 4


@pytest.fixture(scope="module")
def blobs_score(impl, seed):
    points, _ = make_separated_blobs(k=planted_k(seed), seed=seed)
    return stability(impl, points, planted_k(seed), seed % 1000)


@pytest.fixture(scope="module")
def noise_score(impl, seed):
    return stability(impl, make_gaussian_noise(n=200, dim=30, seed=seed), 3, seed % 1000)


# the two tests below are each credited only when the score also tells blobs and noise apart: a constant (1 or 0)
# passes one of them by itself
def expect_blobs_above_noise(blobs_score: float, noise_score: float) -> None:
    expect_at_least(
        blobs_score - noise_score,
        0.5,
        f"Your stability is {blobs_score:.2f} on well-separated blobs and {noise_score:.2f} on {NOISE}: a "
        "stability score must tell segments that survive resampling from segments that do not.",
        what="stability on blobs minus stability on noise",
    )


# cheap tests first: an audit skips the rest of a mutant's tests once one fails, and the mean over the pairs
# (last) fits k-means 164 times, more than all the other tests together
@pytest.mark.points(1)
def test_bad_input_raises(impl):
    """Are 1-d points, a share outside (0, 1], n_pairs=0, k below 2 and too small subsamples refused?"""
    grid = np.arange(40.0).reshape(20, 2)
    cases = {
        "1-d points": ((np.arange(20.0), 2), {}),
        "share=0": ((grid, 2), {"share": 0.0}),
        "share=1.5": ((grid, 2), {"share": 1.5}),
        "n_pairs=0": ((grid, 2), {"n_pairs": 0}),
        "k=1": ((grid, 1), {}),
        "k=5 with subsamples of 4 rows": ((grid, 5), {"share": 0.2}),
    }
    expect_rejected(impl, "cluster_stability", cases)


@pytest.mark.points(1)
def test_limits_are_allowed(impl, seed):
    """Are share=1, k=2 and a subsample of exactly k rows (share 0.7 of 4 rows, rounded to 3) accepted?"""
    points, _ = make_separated_blobs(k=2, seed=seed + 1)
    score = stability(impl, points, 2, seed % 1000, share=1.0)
    expect_at_least(
        score,
        0.9,
        f"On two blobs 10 standard deviations apart, with share=1 and k=2 (both allowed), your stability is "
        f"{score:.2f}: every subsample holds every row, and every fit finds the two blobs.",
        what="stability on two blobs with share 1",
    )
    four = np.array([[0.0, 0.0], [0.3, 0.0], [5.0, 5.0], [10.0, 0.0]])
    expect(
        impl.raises(ValueError, "cluster_stability", four, 3, share=0.7, n_pairs=2, seed=seed % 1000) is None,
        "cluster_stability refused 4 rows with k=3 and share=0.7: round(0.7 * 4) = 3 rows per subsample is "
        "enough for 3 clusters. Round the subsample size (not floor it), and refuse only fewer than k rows.",
    )


@pytest.mark.points(2)
def test_same_seed_same_score(impl, seed):
    """Does the same seed give the same score, and another seed (on noise) another one?"""
    # one pair of subsamples of 80 noisy points: the ARI varies continuously with the draw, so two seeds tie
    # only by accident (the reference never did over 60 audit seeds)
    points = make_gaussian_noise(n=80, dim=10, seed=seed)
    first = stability(impl, points, 3, 7, pairs=1)
    expect(
        stability(impl, points, 3, 7, pairs=1) == first,
        "Two calls with the same data and seed gave different scores. Take every random choice (the "
        "subsamples and each KMeans random_state) from np.random.default_rng(seed).",
    )
    expect(
        stability(impl, points, 3, 8, pairs=1) != first,
        "On noise, seeds 7 and 8 gave exactly the same score: is the seed used at all?",
    )


@pytest.mark.points(4)
def test_separated_blobs_are_stable(blobs_score, noise_score):
    """On blobs 10 standard deviations apart, clustered with the right k, is the score near 1?"""
    # over 40 seeds: the reference 1.000 on every seed; comparing raw labels at most 0.667, filling the rows a
    # subsample left out with a dummy label 0.43-0.51, aligning the label arrays by position about 0
    expect_at_least(
        blobs_score,
        0.9,
        f"On 3 to 6 round blobs 10 standard deviations apart, clustered with the true k ({PAIRS} pairs of 80% "
        f"subsamples), your stability is {blobs_score:.2f}: every k-means fit finds the same blobs here. "
        "k-means numbers its clusters arbitrarily, so compare partitions with the adjusted Rand index, not "
        "label by label; and compare them only on the rows that are in both subsamples, matched by row.",
        what="stability on separated blobs",
    )
    expect_blobs_above_noise(blobs_score, noise_score)


@pytest.mark.points(3)
def test_noise_is_unstable(blobs_score, noise_score):
    """On high-dimensional Gaussian noise, where k-means splits every subsample differently, is the score low?"""
    # over 40 seeds: the reference 0.01-0.20 and a hand-written pair-counting ARI 0.03-0.23; comparing raw
    # labels 0.19-0.50
    expect_at_most(
        noise_score,
        0.4,
        f"On {NOISE}, your stability is {noise_score:.2f}, as if k-means found the same groups in every "
        "subsample; there are none. A share of matching label numbers is not an agreement measure: "
        "use the adjusted Rand index, which is about 0 for chance agreement.",
        what="stability on Gaussian noise",
    )
    expect_blobs_above_noise(blobs_score, noise_score)


@pytest.mark.points(1)
def test_mean_over_the_pairs(impl, seed):
    """Where half the pairs agree and half do not, is the score the mean of their indexes?"""
    points = make_square_of_blobs(seed=seed)
    scores = [stability(impl, points, 2, seed % 1000 + shift, pairs=41) for shift in (0, 1)]
    # every pair scores about 1 (both subsamples split top from bottom, or both left from right) or about 0, each
    # half the time: over 40 seeds the reference 0.38-0.63, the pair-counting alternative 0.31-0.63 (a 41-pair mean
    # outside [0.1, 0.9] has odds below 1e-7); the median of 41 such pairs is about 0 or 1, except when it lands on
    # one of the rare pairs in between (3 in 1,000 pairs; a median inside [0.1, 0.9] on 1 of 60 seeds), hence two
    # calls with two seeds
    score = min(scores, key=lambda value: min(value - 0.1, 0.9 - value))
    message = (
        "On four identical blobs at the corners of a square, with k=2 and 41 pairs of subsamples, your stability "
        f"is {score:.2f}. Top against bottom and left against right are equally good splits, so about half the "
        "pairs agree (index about 1) and half do not (about 0): the score is the mean over the pairs."
    )
    expect_at_least(score, 0.1, message, what="stability on a square of blobs (lower end)")
    expect_at_most(score, 0.9, message, what="stability on a square of blobs (upper end)")
