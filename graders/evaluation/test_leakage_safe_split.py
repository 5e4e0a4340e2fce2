"""Graders for evaluation/leakage_safe_split: a split by time and by user, with an embargo gap."""

import numpy as np
import pandas as pd
import pytest

from data.user_events import make_listening_events
from mlkata import as_array, expect, expect_arguments_unchanged, expect_at_most, expect_rejected

GAP = pd.Timedelta(days=7)
SCENARIO = "On 90 days of listening sessions from 150 users (whole-hour timestamps, rows shuffled)"


def expect_both_sides(train, validation):
    expect(len(train) and len(validation), f"{SCENARIO}, one side of your split is empty.")


def split(impl, events, fraction=0.2, gap=GAP):
    result = impl.time_group_split(events, validation_fraction=fraction, gap=gap)
    expect(
        isinstance(result, tuple) and len(result) == 2,
        "time_group_split should return a (train_rows, validation_rows) pair.",
    )
    sides = []
    for name, rows in zip(("train_rows", "validation_rows"), result, strict=True):
        rows = as_array(rows, what=name)
        expect(
            np.all(rows == np.round(rows)) and (len(rows) == 0 or (rows.min() >= 0 and rows.max() < len(events))),
            f"{name} should hold row positions, whole numbers from 0 to len(events) - 1 (as for events.iloc); "
            "did you return index labels?",
        )
        expect(len(np.unique(rows)) == len(rows), f"{name} lists some rows more than once.")
        sides.append(rows.astype(int))
    expect(not np.intersect1d(*sides).size, "Some rows are in both train_rows and validation_rows.")
    return sides


@pytest.fixture(scope="module")
def events(seed):
    return make_listening_events(seed=seed)


@pytest.fixture(scope="module")
def candidate_split(impl, events):
    return split(impl, events)


@pytest.mark.points(3)
def test_validation_comes_after_training_plus_gap(events, candidate_split):
    """Is every validation session at least the gap after the last training session?"""
    train, validation = candidate_split
    expect_both_sides(train, validation)
    last_train = events["timestamp"].iloc[train].max()
    first_validation = events["timestamp"].iloc[validation].min()
    expect(
        first_validation - last_train >= GAP,
        f"{SCENARIO}, some validation sessions come less than the 7-day gap after a training session "
        f"(the closest pair is {first_validation - last_train} apart). Training rows must end before start - gap.",
    )


@pytest.mark.points(3)
def test_no_user_on_both_sides(events, candidate_split):
    """Does every user's data fall on one side only?"""
    train, validation = candidate_split
    expect_both_sides(train, validation)
    shared = np.intersect1d(events["user_id"].iloc[train].unique(), events["user_id"].iloc[validation].unique())
    expect(
        not shared.size,
        f"{SCENARIO}, {shared.size} users have sessions in both training and validation. Split users, not rows: "
        "a user active across the cut belongs to one side.",
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("fraction", [0.1, 0.2, 0.35])
def test_validation_share(impl, events, fraction):
    """Does validation hold at least the requested share of rows, and not much more?"""
    _, validation = split(impl, events, fraction)
    share = len(validation) / len(events)
    message = (
        f"{SCENARIO}, with validation_fraction={fraction} your validation holds {share:.1%} of the rows. "
        "Take the latest start whose users (first session at or after it) hold at least that share."
    )
    expect(fraction <= share, message)  # the contract's own bound
    # over 200 seeds the reference's share was at most 0.030 above the request (users join in groups)
    expect_at_most(share, fraction + 0.06, message, what="validation share")


@pytest.mark.points(3)
def test_exact_rows(reference, events, candidate_split):
    """Are exactly the rows the contract defines in each side?"""
    names = ("training", "validation")
    for name, mine, theirs in zip(names, candidate_split, split(reference, events), strict=True):
        missing, extra = np.setdiff1d(theirs, mine).size, np.setdiff1d(mine, theirs).size
        expect(
            not missing and not extra,
            f"{SCENARIO}, your {name} side has {extra} row(s) it should not and lacks {missing} it should have. "
            "Validation users: first session at or after start (ties included). Training: everyone else's "
            "sessions strictly before start - gap, keeping the early sessions of users active later on.",
        )


@pytest.mark.points(2)
def test_row_order_changes_nothing(impl, events, candidate_split, seed):
    """Are the same sessions chosen when the rows come in another order?"""
    order = np.random.default_rng(seed).permutation(len(events))
    shuffled = events.iloc[order]
    ids = events["event_id"].to_numpy()
    expect_both_sides(*candidate_split)
    for name, before, after in zip(("training", "validation"), candidate_split, split(impl, shuffled), strict=True):
        expect(
            np.array_equal(np.sort(ids[before]), np.sort(shuffled["event_id"].to_numpy()[after])),
            f"{SCENARIO}, shuffling the rows changed which sessions are in {name}. Decide from timestamps and "
            "users only, and return positions in the table you were given.",
        )


@pytest.mark.points(2)
def test_hand_made_tables(impl, reference):
    """On small tables with a tie at the start and a zero gap, are the rows exact?"""
    day = pd.Timestamp("2026-02-01")
    events = pd.DataFrame(
        {
            "user_id": ["a", "a", "b", "c", "d", "d", "e"],
            "timestamp": day + pd.to_timedelta([0, 30, 5, 20, 20, 22, 14], unit="D"),
        },
        index=[7, 3, 9, 1, 5, 2, 8],
    )
    for fraction, gap in ((0.3, pd.Timedelta(days=7)), (0.3, pd.Timedelta(0)), (0.5, pd.Timedelta(days=2))):
        mine, theirs = split(impl, events, fraction, gap), split(reference, events, fraction, gap)
        expect(
            all(np.array_equal(np.sort(m), t) for m, t in zip(mine, theirs, strict=True)),
            f"Seven sessions of five users, two users starting at the same hour, validation_fraction={fraction}, "
            f"gap={gap}: the split is wrong. Ties at the start are validation users; training keeps sessions "
            "strictly before start - gap.",
        )


@pytest.mark.points(2)
def test_boundaries_exactly_met(impl, reference):
    """With a share met exactly and a session exactly at start - gap, are the rows exact?"""
    day = pd.Timestamp("2026-03-01")
    # first sessions on days 0, 2, 4, 7, 8, 10; the user starting on day 10 holds 2 of the 8 rows,
    # exactly a quarter; with a gap of 3 days, start - gap is day 7, when one user's only session happens
    events = pd.DataFrame(
        {
            "user_id": ["a", "a", "b", "c", "d", "d", "e", "f"],
            "timestamp": day + pd.to_timedelta([0, 6, 2, 7, 10, 11, 4, 8], unit="D"),
        },
        index=[40, 12, 33, 5, 18, 27, 9, 21],
    )
    mine, theirs = split(impl, events, 0.25, pd.Timedelta(days=3)), split(reference, events, 0.25, pd.Timedelta(days=3))
    expect(
        all(np.array_equal(np.sort(m), t) for m, t in zip(mine, theirs, strict=True)),
        "Eight sessions of six users, validation_fraction=0.25, gap=3 days, where the latest user alone holds "
        "exactly a quarter of the rows and a session falls exactly on start - gap: the split is wrong. "
        "Validation must hold *at least* the share (reaching it exactly is enough); training keeps only sessions "
        "strictly before start - gap.",
    )


@pytest.mark.points(1)
def test_invalid_arguments_raise(impl, events):
    """Are an impossible fraction, a negative gap and a missing column refused with ValueError?"""
    cases = {
        "validation_fraction=1.2": ((events,), {"validation_fraction": 1.2, "gap": GAP}),
        "validation_fraction=0 (outside the open interval (0, 1))": (
            (events,),
            {"validation_fraction": 0.0, "gap": GAP},
        ),
        "validation_fraction=1 (outside the open interval (0, 1))": (
            (events,),
            {"validation_fraction": 1.0, "gap": GAP},
        ),
        "a negative gap": ((events,), {"validation_fraction": 0.2, "gap": -GAP}),
        "a gap of minus one nanosecond (negative, however slightly)": (
            (events,),
            {"validation_fraction": 0.2, "gap": -pd.Timedelta(1, unit="ns")},
        ),
        "no user_id column": ((events.drop(columns="user_id"),), {"validation_fraction": 0.2, "gap": GAP}),
        "no timestamp column": ((events.drop(columns="timestamp"),), {"validation_fraction": 0.2, "gap": GAP}),
    }
    expect_rejected(impl, "time_group_split", cases)


@pytest.mark.points(1)
def test_leaves_the_callers_events_as_they_were(impl, events):
    """Does it leave the caller's events unchanged (no working column added, no row reordered)?"""
    expect_arguments_unchanged(impl, "time_group_split", events, validation_fraction=0.2, gap=GAP)
