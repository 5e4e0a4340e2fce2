"""Graders for regularization/rare_category_bucketing: codes from training counts, rare and unseen buckets."""

import numpy as np
import pytest

from data.campaign_clicks import make_campaign_clicks
from mlkata import as_array, expect, expect_rejected

MIN_COUNT = 5
SCENARIO = "On 4,000 training and 2,000 test impressions of 400 campaigns (most rare; 10% of test campaigns new)"
CONTRACT = (
    "Count in training rows only; kept campaigns (at least min_count rows) are numbered by decreasing count, "
    "ties by name; rare ones get k, unseen ones k + 1."
)


def codes(impl, train, test, min_count=MIN_COUNT):
    train_codes, test_codes = impl.bucket_categories(train, test, min_count=min_count)
    return (
        as_array(train_codes, what="the training codes", length=len(train)),
        as_array(test_codes, what="the test codes", length=len(test)),
    )


def expect_kept_categories(train_codes: np.ndarray) -> None:
    """Fail an answer that keeps no category: the invariances below would prove nothing about it."""
    expect(
        len(np.unique(train_codes)) > 2,
        f"{SCENARIO}, the training codes take at most two values, although dozens of campaigns are seen at least "
        f"min_count={MIN_COUNT} times and keep a code of their own. {CONTRACT}",
    )


@pytest.fixture(scope="module")
def campaigns(seed):
    train, _, test, _ = make_campaign_clicks(seed=seed)
    return train, test


@pytest.fixture(scope="module")
def candidate_codes(impl, campaigns):
    return codes(impl, *campaigns)


@pytest.mark.points(3)
def test_exact_codes(reference, campaigns, candidate_codes):
    """Is every training and test row given the right code?"""
    for side, got, want in zip(("training", "test"), candidate_codes, codes(reference, *campaigns), strict=True):
        expect(np.array_equal(got, want), f"{SCENARIO}, the {side} codes are wrong. {CONTRACT}")


@pytest.mark.points(2)
def test_test_rows_change_nothing_in_training(impl, campaigns, candidate_codes):
    """Are the training codes the same whatever the test rows are?"""
    train, test = campaigns
    expect_kept_categories(candidate_codes[0])
    rare = np.unique(train)[:3]
    flooded, _ = codes(impl, train, np.concatenate([test, np.repeat(rare, 50)]))
    expect(
        np.array_equal(flooded, candidate_codes[0]),
        f"{SCENARIO}, adding 150 test rows of three campaigns changed the training codes. What counts as rare is "
        "learned from the training rows only.",
    )


@pytest.mark.points(2)
def test_row_order_changes_nothing(impl, campaigns, candidate_codes, seed):
    """Do shuffled training rows get the same codes?"""
    train, test = campaigns
    expect_kept_categories(candidate_codes[0])
    order = np.random.default_rng(seed).permutation(len(train))
    shuffled_train, shuffled_test = codes(impl, train[order], test)
    expect(
        np.array_equal(shuffled_train, candidate_codes[0][order]) and np.array_equal(shuffled_test, candidate_codes[1]),
        f"{SCENARIO}, shuffling the training rows changed the codes. Number kept campaigns by decreasing count, "
        "ties by name, never by first appearance.",
    )


@pytest.mark.points(2)
def test_rare_and_unseen_kept_apart(campaigns, candidate_codes):
    """Do campaigns never seen in training get a bucket of their own, apart from the rare one?"""
    train, test = campaigns
    expect_kept_categories(candidate_codes[0])
    _, test_codes = candidate_codes
    unseen = ~np.isin(test, train)
    expect(
        len(np.unique(test_codes[unseen])) == 1 and not np.isin(test_codes[unseen], candidate_codes[0]).any(),
        f"{SCENARIO}, campaigns never seen in training share a code with training campaigns (or get several "
        "codes). New campaigns need their own bucket: the model should not treat them as the rare ones.",
    )


@pytest.mark.points(1)
def test_min_count_boundary(impl, reference):
    """Does a category seen exactly min_count times keep its own code?"""
    train = np.array(["x", "x", "x", "y", "y", "z", "w", "w", "w"])
    test = np.array(["y", "z", "q", "w"])
    for side, got, want in zip(
        ("training", "test"),
        codes(impl, train, test, min_count=2),
        codes(reference, train, test, min_count=2),
        strict=True,
    ):
        expect(
            np.array_equal(got, want),
            f"Nine training rows (x and w three times, y twice, z once), min_count=2: the {side} codes are wrong. "
            "A category seen exactly min_count times is kept; x and w tie, so the name decides.",
        )


@pytest.mark.points(1)
def test_invalid_min_count_raises(impl, reference, campaigns):
    """Is min_count=0 refused with ValueError, while min_count=1, the smallest valid value, keeps every category?"""
    expect_rejected(impl, "bucket_categories", {"min_count=0": (campaigns, {"min_count": 0})})
    expect(
        impl.raises(ValueError, "bucket_categories", *campaigns, min_count=1) is None,
        "bucket_categories raised ValueError for min_count=1, which is valid: only min_count < 1 is refused. "
        "With min_count=1 every training category keeps a code of its own.",
    )
    for side, got, want in zip(
        ("training", "test"),
        codes(impl, *campaigns, min_count=1),
        codes(reference, *campaigns, min_count=1),
        strict=True,
    ):
        expect(
            np.array_equal(got, want),
            f"{SCENARIO}, with min_count=1 the {side} codes are wrong. Every training category is then kept, so the "
            f"rare bucket stays empty and only new campaigns get the unseen code. {CONTRACT}",
        )


@pytest.mark.points(1)
def test_codes_are_ints(impl, campaigns):
    """Are both code arrays int arrays, as the contract says?"""
    train_codes, test_codes = impl.bucket_categories(*campaigns, min_count=MIN_COUNT)
    kinds = [np.asarray(codes).dtype for codes in (train_codes, test_codes)]
    expect(
        all(np.issubdtype(kind, np.integer) for kind in kinds),
        f"bucket_categories should return two int arrays; their dtypes were {kinds[0]} and {kinds[1]}.",
    )
