"""Graders for regularization/oof_target_encoding: out-of-fold, smoothed target encoding."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from data.campaign_clicks import make_campaign_clicks
from mlkata import as_array, expect, expect_rejected

SCENARIO = "On 4,000 impressions of 400 campaigns (a few huge, most rare) split into 5 folds"
FORMULA = (
    "A row in fold k is encoded from the other folds only: (clicks of its campaign there + smoothing x prior) / "
    "(impressions there + smoothing), the prior being the click rate of those same rows."
)


def encode(impl, train_categories, train_labels, test_categories, folds, smoothing):
    train_encoded, test_encoded = impl.oof_target_encode(
        train_categories, train_labels, test_categories, folds=folds, smoothing=smoothing
    )
    return (
        as_array(train_encoded, what="the training encodings", length=len(train_categories)),
        as_array(test_encoded, what="the test encodings", length=len(test_categories)),
    )


@pytest.fixture(scope="module")
def clicks(seed):
    train_categories, train_labels, test_categories, _ = make_campaign_clicks(seed=seed)
    folds = np.random.default_rng(seed).integers(0, 5, len(train_categories))
    return train_categories, train_labels, test_categories, folds


@pytest.mark.points(4)
@pytest.mark.parametrize("smoothing", [0.0, 10.0])
def test_exact_encodings(impl, reference, clicks, smoothing):
    """With the grader's folds and smoothing, is every encoding exact?"""
    mine = encode(impl, *clicks, smoothing)
    theirs = encode(reference, *clicks, smoothing)
    for side, got, want in zip(("training", "test"), mine, theirs, strict=True):
        expect(
            np.allclose(got, want, rtol=1e-9, atol=1e-12),
            f"{SCENARIO}, with smoothing={smoothing:g}, the {side} encodings are wrong. {FORMULA} Test rows use "
            "all training rows; a category they never saw gets the prior.",
        )


@pytest.mark.points(3)
def test_own_label_never_reaches_own_encoding(impl, clicks):
    """When the labels of one fold's rows are flipped, do those rows keep their encodings, while the other
    folds' encodings, fitted on them, move?"""
    train_categories, train_labels, test_categories, folds = clicks
    before, _ = encode(impl, train_categories, train_labels, test_categories, folds, 10.0)
    flipped = np.where(folds == folds[0], 1 - train_labels, train_labels)
    after, _ = encode(impl, train_categories, flipped, test_categories, folds, 10.0)
    inside = folds == folds[0]
    expect(
        np.allclose(before[inside], after[inside], rtol=0, atol=1e-12),
        f"{SCENARIO}, flipping the clicks of the rows in one fold changed those rows' own encodings. A row's "
        "label (and its fold-mates') must not inform its encoding: fit on the other folds only.",
    )
    expect(
        not np.allclose(before[~inside], after[~inside], rtol=0, atol=1e-12),
        f"{SCENARIO}, flipping the clicks of the rows in one fold left every other row's encoding unchanged: the "
        "other folds are encoded from statistics that include those rows, so their encodings must move.",
    )


@pytest.mark.points(2)
def test_ids_carry_only_their_real_signal_out_of_fold(impl, seed):
    """For a random ID seen about twice, unrelated to the click, do the encodings carry no signal out of fold, while
    an ID with a click rate of its own carries its signal?"""
    rng = np.random.default_rng(seed)
    folds = rng.integers(0, 5, 3000)
    random_ids = np.array([f"r{i}" for i in rng.integers(0, 1500, 3000)])
    random_labels = (rng.random(3000) < 0.3).astype(int)
    encoded, _ = encode(impl, random_ids, random_labels, random_ids[:5], folds, 1.0)
    auc = roc_auc_score(random_labels, encoded)
    # over 200 seeds: out of fold 0.45-0.54; encoded in fold 0.87-0.90
    expect(
        abs(auc - 0.5) <= 0.1,
        "An ID drawn at random (about two rows each, unrelated to the click) predicts the click from its encoding "
        "(or predicts its opposite). In-fold encoding lets each row see its own label; leave-one-out lets it see "
        "its own label's absence.",
    )
    ids = rng.integers(0, 300, 3000)
    real_ids = np.array([f"s{i}" for i in ids])
    real_labels = (rng.random(3000) < rng.beta(1, 3, 300)[ids]).astype(int)
    encoded, _ = encode(impl, real_ids, real_labels, real_ids[:5], folds, 1.0)
    # over 200 seeds, out of fold: 0.666-0.767; a constant encoding 0.5
    expect(
        roc_auc_score(real_labels, encoded) >= 0.6,
        "An ID with about ten rows each and a click rate of its own carries no signal in your out-of-fold "
        f"encodings. {FORMULA}",
    )


@pytest.mark.points(1)
def test_more_smoothing_pulls_towards_the_prior(impl, clicks):
    """Does stronger smoothing move every test encoding closer to the training click rate?"""
    train_categories, train_labels, test_categories, folds = clicks
    prior = np.mean(train_labels)
    _, light = encode(impl, train_categories, train_labels, test_categories, folds, 1.0)
    _, heavy = encode(impl, train_categories, train_labels, test_categories, folds, 100.0)
    closer = np.abs(heavy - prior) <= np.abs(light - prior) + 1e-12
    expect(
        closer.all() and (np.abs(heavy - prior) < np.abs(light - prior) - 1e-9).any(),
        f"{SCENARIO}, raising smoothing from 1 to 100 moved some test encodings away from the training click rate, "
        "or none towards it. Smoothing weighs the prior as if it were that many extra rows.",
    )


@pytest.mark.points(1)
def test_unseen_campaigns_get_the_prior(impl, clicks):
    """Do test campaigns never seen in training get the training click rate?"""
    train_categories, train_labels, test_categories, folds = clicks
    _, encoded = encode(impl, train_categories, train_labels, test_categories, folds, 10.0)
    unseen = ~np.isin(test_categories, train_categories)
    expect(
        np.allclose(encoded[unseen], np.mean(train_labels), atol=1e-12),
        f"{SCENARIO}, test campaigns never seen in training should be encoded as the training click rate.",
    )


@pytest.mark.points(1)
def test_invalid_arguments_raise(impl, clicks):
    """Are negative smoothing and misaligned training inputs (labels or folds) refused with ValueError?"""
    train_categories, train_labels, test_categories, folds = clicks
    cases = {
        "smoothing=-1": ((train_categories, train_labels, test_categories), {"folds": folds, "smoothing": -1.0}),
        "one label fewer than categories": (
            (train_categories, train_labels[:-1], test_categories),
            {"folds": folds, "smoothing": 10.0},
        ),
        "one fold number fewer than categories": (
            (train_categories, train_labels, test_categories),
            {"folds": folds[:-1], "smoothing": 10.0},
        ),
    }
    expect_rejected(impl, "oof_target_encode", cases)


@pytest.mark.points(1)
def test_any_fold_numbers(impl, reference, clicks, seed):
    """With folds numbered -1, 3 and 40 instead of 0 to 4, is every encoding still exact?"""
    train_categories, train_labels, test_categories, _ = clicks
    folds = np.array([-1, 3, 40])[np.random.default_rng(seed).integers(0, 3, len(train_categories))]
    mine = encode(impl, train_categories, train_labels, test_categories, folds, 10.0)
    theirs = encode(reference, train_categories, train_labels, test_categories, folds, 10.0)
    expect(
        np.allclose(mine[0], theirs[0], rtol=1e-9, atol=1e-12),
        f"{SCENARIO}, with fold numbers -1, 3 and 40, the training encodings are wrong. Fold numbers are any "
        "integers: iterate over the distinct values present (and note that scikit-learn's PredefinedSplit reads -1 "
        "as 'never held out').",
    )
