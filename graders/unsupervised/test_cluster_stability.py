"""Graders for unsupervised/cluster_stability: ARI between k-means partitions of overlapping subsamples."""

import numpy as np
import pytest
import sklearn.cluster  # noqa: F401 - loads the OpenMP runtime, so that the limit below reaches it
from threadpoolctl import threadpool_limits

from data.cluster_shapes import make_gaussian_noise, make_separated_blobs
from mlkata import as_float, expect, expect_rejected

PAIRS = 3


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """k-means on a few hundred points gains nothing from threads, and on a busy machine loses a lot to them."""
    with threadpool_limits(limits=1):
        yield


NOISE = "200 points of 30-dimensional Gaussian noise, k=3"


def stability(impl, points, k, seed, pairs=PAIRS):
    score = as_float(impl.cluster_stability(points, k, n_pairs=pairs, seed=seed), what="cluster_stability's result")
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


@pytest.mark.points(4)
def test_separated_blobs_are_stable(blobs_score):
    """On blobs 10 standard deviations apart, clustered with the right k, is the score near 1?"""
    # over 40 seeds: the reference 1.000 on every seed; comparing raw labels at most 0.667, filling the rows a
    # subsample left out with a dummy label 0.43-0.51, aligning the label arrays by position about 0
    expect(
        blobs_score >= 0.9,
        f"On 3 to 6 round blobs 10 standard deviations apart, clustered with the true k ({PAIRS} pairs of 80% "
        f"subsamples), your stability is {blobs_score:.2f}: every k-means fit finds the same blobs here. "
        "k-means numbers its clusters arbitrarily, so compare partitions with the adjusted Rand index, not "
        "label by label; and compare them only on the rows that are in both subsamples, matched by row.",
    )


@pytest.mark.points(3)
def test_noise_is_unstable(noise_score):
    """On high-dimensional Gaussian noise, where k-means splits every subsample differently, is the score low?"""
    # over 40 seeds: the reference 0.01-0.20 and a hand-written pair-counting ARI 0.03-0.23; comparing raw
    # labels 0.19-0.50
    expect(
        noise_score <= 0.4,
        f"On {NOISE}, your stability is {noise_score:.2f}, as if k-means found the same groups in every "
        "subsample; there are none. A share of matching label numbers is not an agreement measure: "
        "use the adjusted Rand index, which is about 0 for chance agreement.",
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


@pytest.mark.points(1)
def test_bad_input_raises(impl):
    """Are 1-d points, a share outside (0, 1], k below 2 and too small subsamples refused with ValueError?"""
    grid = np.arange(40.0).reshape(20, 2)
    cases = {
        "1-d points": ((np.arange(20.0), 2), {}),
        "share=0": ((grid, 2), {"share": 0.0}),
        "share=1.5": ((grid, 2), {"share": 1.5}),
        "k=1": ((grid, 1), {}),
        "k=5 with subsamples of 4 rows": ((grid, 5), {"share": 0.2}),
    }
    expect_rejected(impl, "cluster_stability", cases)
