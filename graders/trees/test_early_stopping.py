"""Graders for trees/early_stopping: the round to keep under patience, replayed on an evaluation log."""

import math

import numpy as np
import pandas as pd
import pytest

from data.boosting_curves import make_boosting_logs
from mlkata import as_int, expect, expect_rejected

GENERATED = "On 16 generated boosting logs (20 to 120 rounds, losses rounded to 3 decimals, patience 1 to 8)"


def log(valid, train=None) -> pd.DataFrame:
    valid = np.asarray(valid, dtype=float)
    train = np.linspace(0.9, 0.1, len(valid)) if train is None else np.asarray(train, dtype=float)
    return pd.DataFrame({"round": np.arange(1, len(valid) + 1), "train_loss": train, "valid_loss": valid})


def kept(impl, history, patience, min_delta=0.0) -> int:
    answer = as_int(impl.best_round(history, patience=patience, min_delta=min_delta), what="best_round's result")
    expect(
        1 <= answer <= len(history),
        f"best_round returned round {answer} for a log of {len(history)} rounds; rounds are numbered 1..n.",
    )
    return answer


def agrees(impl, reference, history, patience, min_delta=0.0) -> bool:
    return kept(impl, history, patience, min_delta) == kept(reference, history, patience, min_delta)


@pytest.fixture(scope="module")
def logs(seed):
    return make_boosting_logs(n_logs=16, seed=seed)


@pytest.fixture(scope="module")
def shuffled_logs(logs, seed):
    """The same logs with their rows shuffled and train_loss replaced by random numbers."""
    rng = np.random.default_rng(seed)
    shuffled = []
    for history, patience, min_delta in logs:
        changed = history.sample(frac=1, random_state=int(rng.integers(2**31))).reset_index(drop=True)
        changed["train_loss"] = rng.random(len(changed))
        shuffled.append((changed, patience, min_delta))
    return shuffled


@pytest.fixture(scope="module")
def candidate_rounds(impl, logs):
    return [kept(impl, history, patience, min_delta) for history, patience, min_delta in logs]


@pytest.fixture(scope="module")
def expected_rounds(reference, logs):
    return [kept(reference, history, patience, min_delta) for history, patience, min_delta in logs]


@pytest.mark.points(4)
def test_generated_logs(candidate_rounds, expected_rounds):
    """On realistic logs with noise, ties, plateaus and shuffled rows, is the kept round the rule's?"""
    wrong = sum(mine != theirs for mine, theirs in zip(candidate_rounds, expected_rounds, strict=True))
    expect(
        wrong == 0,
        f"{GENERATED}, your kept round differs from the early-stopping rule on {wrong} log(s). Walk the rounds in "
        "round order, count consecutive rounds without a strict improvement of more than min_delta, stop after "
        "the patience-th, and keep the last improving round.",
    )


@pytest.mark.points(2)
def test_ties_do_not_improve(impl, reference):
    """Does a loss equal to the best so far count as no improvement, keeping the first round that reached it?"""
    history = log([0.5, 0.4, 0.4, 0.45, 0.4, 0.3])
    expect(
        agrees(impl, reference, history, patience=3),
        "On a 6-round log whose rounds 3 and 5 repeat the best loss of round 2 exactly, with patience 3, your kept "
        "round is wrong. A tie is not an improvement: it neither moves the best round nor resets the patience count.",
    )


@pytest.mark.points(2)
def test_patience_boundary(impl, reference):
    """Is an improvement on the last round of patience seen, and one on the round after it not?"""
    just_in_time = log([0.5, 0.4, 0.45, 0.46, 0.35, 0.5, 0.5, 0.5, 0.2])
    expect(
        agrees(impl, reference, just_in_time, patience=3),
        "With patience 3, on a log that improves again on the third round after its best (two rounds without "
        "improvement, then a better loss), your kept round is wrong. That round is still looked at; after the "
        "third round in a row without improvement, nothing more is. Is your patience count off by one?",
    )
    too_late = log([0.5, 0.4, 0.45, 0.46, 0.47, 0.3])
    expect(
        agrees(impl, reference, too_late, patience=3),
        "With patience 3, on a log that improves only on the fourth round after its best, your kept round is "
        "wrong: the walk stops after three rounds without improvement, so a later minimum is never seen. Did you "
        "take the minimum of the whole curve, return the round where the walk stopped, or count patience off by one?",
    )


@pytest.mark.points(1)
def test_a_drop_of_exactly_min_delta(impl, reference):
    """Is a drop of exactly min_delta not an improvement, and a larger one an improvement?"""
    history = log([0.5, 0.25, 0.125, 0.0625, 0.0625, 0.0625, 0.0625, 0.0625])
    expect(
        agrees(impl, reference, history, patience=5, min_delta=0.125),
        "With min_delta 0.125 and patience 5 on the log 0.5, 0.25, 0.125, 0.0625, then 0.0625 four more times "
        "(exact in floating point), your kept round is "
        "wrong. A round improves only when its loss is strictly below best - min_delta, and a round that does "
        "not improve leaves the best as it was.",
    )


@pytest.mark.points(1)
def test_log_ends_before_patience(impl, reference):
    """When the log ends before patience runs out, or has one round, is the best round so far kept?"""
    for history, words in ((log([0.5, 0.4, 0.41]), "a 3-round log"), (log([0.7]), "a 1-round log")):
        expect(
            agrees(impl, reference, history, patience=5),
            f"With patience 5 on {words}, your kept round is wrong: when the log ends first, keep the last "
            "improving round.",
        )


# 1 point: a constant answer does not move either, and must earn little
@pytest.mark.points(1)
def test_row_order_and_training_loss_do_not_matter(impl, shuffled_logs, candidate_rounds):
    """Is the answer the same when the rows are shuffled and the training loss is replaced?"""
    moved = 0
    for (changed, patience, min_delta), before in zip(shuffled_logs, candidate_rounds, strict=True):
        moved += kept(impl, changed, patience, min_delta) != before
    expect(
        moved == 0,
        f"{GENERATED}, shuffling the rows and replacing train_loss with random numbers changed your kept round on "
        f"{moved} log(s). Sort by round, not by row position, and decide on valid_loss only.",
    )


@pytest.mark.points(1)
def test_invalid_inputs_raise(impl):
    """Are an empty log, patience 0, a negative min_delta and a NaN loss refused with ValueError?"""
    good = log([0.5, 0.4, 0.45])
    cases = {
        "an empty history": ((log([]),), {"patience": 2}),
        "patience=0": ((good,), {"patience": 0}),
        "min_delta=-0.01": ((good,), {"patience": 2, "min_delta": -0.01}),
        "a NaN validation loss": ((log([0.5, math.nan, 0.45]),), {"patience": 2}),
    }
    expect_rejected(impl, "best_round", cases)
