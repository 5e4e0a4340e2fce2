"""Graders for evaluation/alert_threshold: a threshold that respects a daily review capacity."""

import numpy as np
import pandas as pd
import pytest

from data.card_fraud import make_scored_transactions
from mlkata import as_float, expect, expect_rejected

CAPACITY = 50
BURST, BURST_CAPACITY = 8, 3  # a card-testing burst larger than a small capacity
ORDINARY = "On 14 days of 1,300 to 6,000 transactions with scores rounded to 2 decimals"
WITH_BURST = (
    f"On 14 days of transactions where a card-testing attack put {BURST} tied scores at the top of one day, "
    f"with a capacity of {BURST_CAPACITY}"
)


def alerted(impl, scores, days, capacity):
    """The candidate's threshold, as the mask of alerted rows."""
    threshold = as_float(impl.pick_threshold(scores, days, capacity), what="pick_threshold's result", finite=False)
    expect(not np.isnan(threshold), "pick_threshold returned NaN; return math.inf to alert nothing.")
    return np.asarray(scores) >= threshold


def days_over(mask, days, capacity) -> int:
    """How many days get more alerts than ``capacity``."""
    return int((pd.Series(mask).groupby(np.asarray(days)).sum() > capacity).sum())


def expect_least_strict(impl, reference, scores, days, capacity, scenario):
    """Capacity kept on every day, and exactly the rows of the least strict such threshold alerted."""
    mine, best = alerted(impl, scores, days, capacity), alerted(reference, scores, days, capacity)
    over = days_over(mine, days, capacity)
    expect(
        over == 0,
        f"{scenario}, your threshold puts {over} day(s) over capacity: every row that ties the threshold is "
        "alerted, on every day.",
    )
    # within capacity on every day, a threshold alerts a subset of what the least strict one alerts
    expect(
        np.array_equal(mine, best),
        f"{scenario}, your threshold is stricter than it needs to be: a lower threshold still keeps every day "
        "within capacity and alerts more fraud. One threshold serves all days at once: look for the lowest "
        "score, from any day, that no day's capacity rules out.",
    )


@pytest.fixture(scope="module")
def validation_days(seed):
    frame = make_scored_transactions(seed=seed)
    return frame["score"].to_numpy(), frame["day"].to_numpy()


@pytest.fixture(scope="module")
def burst_days(seed):
    frame = make_scored_transactions(burst=BURST, seed=seed)
    return frame["score"].to_numpy(), frame["day"].to_numpy()


@pytest.mark.points(3)
def test_respects_capacity_on_every_day(impl, validation_days, burst_days):
    """Does no day get more alerts than the team can review, tied scores included?"""
    for (scores, days), capacity, scenario in (
        (validation_days, CAPACITY, ORDINARY + f" and a capacity of {CAPACITY} alerts a day"),
        (burst_days, BURST_CAPACITY, WITH_BURST),
    ):
        mask = alerted(impl, scores, days, capacity)
        over = days_over(mask, days, capacity)
        expect(
            over == 0,
            f"{scenario}, your threshold puts {over} day(s) over capacity. Rows that tie the threshold are all "
            "alerted: did you take the capacity-th highest score without counting its ties? Is the capacity "
            "applied to each day, not to the whole period?",
        )
        expect(
            mask.any(),
            f"{scenario}, your threshold alerts nothing, although some scores can be alerted without any day "
            "going over capacity.",
        )


@pytest.mark.points(3)
def test_is_least_strict(impl, reference, validation_days):
    """Among thresholds within capacity, is it the one that alerts the most transactions?"""
    scores, days = validation_days
    expect_least_strict(impl, reference, scores, days, CAPACITY, f"{ORDINARY}, with a capacity of {CAPACITY}")


@pytest.mark.points(3)
def test_is_least_strict_with_a_burst(impl, reference, burst_days):
    """When one day's top scores tie in a group larger than capacity, are other days' higher scores still alerted?"""
    scores, days = burst_days
    expect_least_strict(impl, reference, scores, days, BURST_CAPACITY, WITH_BURST)


@pytest.mark.points(4)
def test_least_strict_across_days(impl, reference):
    """On small hand-made days, is it the lowest score, from whichever day, that every day can afford?"""
    cases = {
        "days [.9, .5, .5] and [.6, .1], capacity 1": ([0.9, 0.5, 0.5, 0.6, 0.1], [1, 1, 1, 2, 2], 1),
        "days [.9, .7, .4, .4] and [.5, .45, .1], capacity 2": (
            [0.9, 0.7, 0.4, 0.4, 0.5, 0.45, 0.1],
            [1, 1, 1, 1, 2, 2, 2],
            2,
        ),
        "a three-way tie at the top of one day, higher scores on other days, capacity 2": (
            [0.8, 0.8, 0.8, 0.2, 0.95, 0.3, 0.85],
            [1, 1, 1, 1, 2, 2, 3],
            2,
        ),
        "every day within capacity, capacity 2": ([0.2, 0.4, 0.9], [1, 1, 2], 2),
    }
    for case, (scores, days, capacity) in cases.items():
        scores, days = np.array(scores), np.array(days)
        expect_least_strict(impl, reference, scores, days, capacity, f"On {case}")


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


@pytest.mark.points(1)
def test_row_order_changes_nothing(impl, validation_days, seed):
    """Are the same transactions alerted whether the rows come sorted by day or shuffled?"""
    scores, days = validation_days
    by_day = np.lexsort((-scores, days))
    shuffled = np.random.default_rng(seed).permutation(len(scores))
    sorted_alerts = np.zeros(len(scores), dtype=bool)
    sorted_alerts[by_day] = alerted(impl, scores[by_day], days[by_day], CAPACITY)
    shuffled_alerts = np.zeros(len(scores), dtype=bool)
    shuffled_alerts[shuffled] = alerted(impl, scores[shuffled], days[shuffled], CAPACITY)
    expect(sorted_alerts.any(), f"{ORDINARY} and a capacity of {CAPACITY}, your threshold alerts nothing.")
    expect(
        np.array_equal(sorted_alerts, shuffled_alerts),
        f"{ORDINARY}, the same transactions sorted by day and then shuffled got different alerts. Group the rows "
        "by their day label, wherever they are, never by runs of equal days in the order given.",
    )


@pytest.mark.points(2)
def test_a_quiet_day_changes_nothing(impl, validation_days):
    """Does adding a day with only a handful of low-scored transactions leave the threshold's alerts as they were?"""
    scores, days = validation_days
    before = alerted(impl, scores, days, CAPACITY)
    expect(
        before.any() and days_over(before, days, CAPACITY) == 0,
        f"{ORDINARY} and a capacity of {CAPACITY}, your threshold alerts nothing or breaks the capacity.",
    )
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


@pytest.mark.points(1)
def test_invalid_input_raises(impl):
    """Are misaligned inputs and a negative capacity refused with ValueError?"""
    scores, days = np.array([0.9, 0.4, 0.7, 0.2]), np.array([1, 1, 2, 2])
    cases = {
        "four scores and three days": ((scores, days[:3], 1), {}),
        "capacity -1": ((scores, days, -1), {}),
    }
    expect_rejected(impl, "pick_threshold", cases)
