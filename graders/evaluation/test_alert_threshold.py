"""Graders for evaluation/alert_threshold: a threshold that respects a daily review capacity."""

import numpy as np
import pandas as pd
import pytest

from data.card_fraud import make_scored_transactions
from mlkata import as_float, expect

CAPACITY = 50


def alerted(impl, scores, days, capacity):
    """The candidate's threshold, as the mask of alerted rows."""
    threshold = as_float(impl.pick_threshold(scores, days, capacity), what="pick_threshold's result", finite=False)
    expect(not np.isnan(threshold), "pick_threshold returned NaN; return math.inf to alert nothing.")
    return np.asarray(scores) >= threshold


@pytest.fixture(scope="module")
def validation_days(seed):
    frame = make_scored_transactions(seed=seed)
    return frame["score"].to_numpy(), frame["day"].to_numpy()


@pytest.mark.points(3)
def test_respects_capacity_on_every_day(impl, validation_days):
    """Does no day get more alerts than the team can review, tied scores included?"""
    scores, days = validation_days
    per_day = pd.Series(alerted(impl, scores, days, CAPACITY)).groupby(days).sum()
    over = int((per_day > CAPACITY).sum())
    expect(
        over == 0,
        f"On {len(per_day)} days of 1,300 to 6,000 transactions with scores rounded to 2 decimals and a "
        f"capacity of {CAPACITY} alerts a day, your threshold puts {over} day(s) over capacity. "
        "Rows that tie the threshold are all alerted: did you take the capacity-th highest score "
        "without counting its ties? Is the capacity applied to each day, not to the whole period?",
    )


@pytest.mark.points(3)
def test_is_least_strict(impl, reference, validation_days):
    """Among thresholds within capacity, is it the one that alerts the most transactions?"""
    scores, days = validation_days
    mine = alerted(impl, scores, days, CAPACITY)
    best = alerted(reference, scores, days, CAPACITY)
    expect(not (mine & ~best).any(), "Your threshold alerts more rows than the capacity allows on some day.")
    expect(
        not (best & ~mine).any(),
        f"Your threshold is stricter than it needs to be: on {len(np.unique(days))} days with a capacity "
        f"of {CAPACITY}, a lower threshold still keeps every day within capacity and alerts more fraud. "
        "Look for the lowest score value whose alerts fit on the busiest day.",
    )


@pytest.mark.points(2)
def test_tied_scores_at_the_boundary(impl):
    """When several scores tie at the cut-off, are they left out together rather than overflowing?"""
    scores = np.array([0.95, 0.9, 0.7, 0.7, 0.7, 0.2])
    mask = alerted(impl, scores, np.zeros(len(scores), dtype=int), 4)
    expect(
        mask.sum() <= 4,
        f"One day, capacity 4, scores with a three-way tie at the 4th highest: your threshold alerts {mask.sum()}. "
        "With score >= threshold every tied row is alerted; the tie must stay out entirely.",
    )
    expect(
        mask.sum() == 2,
        "One day, capacity 4, a three-way tie at the 4th highest score: your threshold "
        "should still alert the rows above the tie.",
    )


@pytest.mark.points(2)
def test_busiest_day_binds(impl):
    """Is the capacity applied to each day, so that the busiest day sets the threshold?"""
    busy = np.linspace(0.10, 0.99, 30)
    quiet = np.array([0.91, 0.93, 0.95, 0.97, 0.99])
    scores = np.concatenate([busy, quiet])
    days = np.array(["busy"] * len(busy) + ["quiet"] * len(quiet))
    mask = alerted(impl, scores, days, 5)
    expect(
        mask[: len(busy)].sum() <= 5,
        "A busy day of 30 transactions and a quiet day of 5, capacity 5: your threshold gives the busy day "
        f"{mask[: len(busy)].sum()} alerts. A budget pooled over days (or a mean per day) lets busy days overflow.",
    )
    expect(
        mask[len(busy) :].sum() == 5 and mask[: len(busy)].sum() == 5,
        "A busy day of 30 and a quiet day of 5, capacity 5: the busy day can take 5 alerts, and the quiet "
        "day's higher scores are alerted too. Your threshold alerts fewer.",
    )


@pytest.mark.points(2)
def test_a_quiet_day_changes_nothing(impl, validation_days):
    """Does adding a day with only a handful of low-scored transactions leave the threshold's alerts as they were?"""
    scores, days = validation_days
    before = alerted(impl, scores, days, CAPACITY)
    quiet_scores = np.full(5, 0.01)
    quiet_days = np.full(5, days.max() + np.timedelta64(1, "D"))
    after = alerted(impl, np.concatenate([scores, quiet_scores]), np.concatenate([days, quiet_days]), CAPACITY)
    expect(
        np.array_equal(before, after[: len(scores)]),
        "Adding one quiet day of 5 low-scored transactions changed which of the other days' transactions are "
        "alerted. The busiest day binds; a quiet day adds no review capacity to the others.",
    )


@pytest.mark.points(1)
def test_nothing_alertable(impl):
    """With no capacity at all, is nothing alerted?"""
    scores = np.array([0.3, 0.8, 0.8, 0.5])
    mask = alerted(impl, scores, np.array([1, 1, 2, 2]), 0)
    expect(
        not mask.any(),
        f"With capacity 0 your threshold still alerts {mask.sum()} transaction(s); return math.inf to alert nothing.",
    )
