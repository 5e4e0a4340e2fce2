"""Graders for evaluation/operating_point_ci: precision and recall with a day-level bootstrap."""

import numpy as np
import pandas as pd
import pytest

from data.fraud_review import make_review_days
from mlkata import as_float, as_mapping, expect, expect_at_least, expect_at_most, expect_rejected, is_close

KEYS = ("precision", "recall", "precision_interval", "recall_interval")
THRESHOLD = 0.5
DAYS_DIFFER = (
    "On 30 days of card traffic whose fraud rate, fraud difficulty and false-alarm level change from day to day"
)


def run(impl, frame, **options):
    result = as_mapping(
        impl.operating_point_ci(
            frame["score"].to_numpy(), frame["is_fraud"].to_numpy(), frame["day"].to_numpy(), THRESHOLD, **options
        ),
        what="operating_point_ci's result",
        keys=KEYS,
    )
    checked = {key: as_float(result[key], what=f"result[{key!r}]") for key in ("precision", "recall")}
    for key in ("precision_interval", "recall_interval"):
        interval = result[key]
        expect(
            isinstance(interval, (tuple, list, np.ndarray)) and len(interval) == 2,
            f"result[{key!r}] should be a (low, high) pair.",
        )
        checked[key] = tuple(as_float(bound, what=f"a bound of result[{key!r}]") for bound in interval)
    return checked


def run_on(impl, scores, labels, days, seed):
    frame = pd.DataFrame({"score": scores, "is_fraud": labels, "day": days})
    return run(impl, frame, seed=seed, n_resamples=50)


def width(result, metric):
    low, high = result[f"{metric}_interval"]
    return high - low


@pytest.fixture(scope="module")
def traffic(seed):
    return make_review_days(seed=seed)


@pytest.fixture(scope="module")
def expected(reference, traffic, seed):
    # the reference's own seed differs from the one the candidate is given: widths are compared, not draws
    return run(reference, traffic, seed=seed + 1)


@pytest.mark.points(4)
def test_point_estimates(impl, reference, traffic, expected, seed):
    """Are precision and recall at the threshold exact, and does each interval contain its estimate?"""
    got = run(impl, traffic, seed=seed)
    for metric in ("precision", "recall"):
        expect(
            is_close(got[metric], expected[metric]),
            f"{DAYS_DIFFER}, {metric} at a threshold of {THRESHOLD} is wrong. A transaction is alerted when "
            "score >= threshold; precision is alerted frauds / alerts, recall alerted frauds / frauds, on all rows.",
        )
        low, high = got[f"{metric}_interval"]
        expect(
            0 <= low <= got[metric] <= high <= 1,
            f"{DAYS_DIFFER}, the {metric} interval does not run from a low to a high bound around the {metric} "
            "itself within [0, 1]. Take the lower and upper quantiles of the resampled values.",
        )
    scores, labels, days = [0.9, THRESHOLD, 0.2, THRESHOLD, 0.1, 0.7], [1, 1, 1, 0, 0, 0], [1, 1, 1, 2, 2, 2]
    got, want = run_on(impl, scores, labels, days, seed), run_on(reference, scores, labels, days, seed)
    expect(
        all(is_close(got[metric], want[metric]) for metric in ("precision", "recall")),
        "Six transactions over two days, two of them scored exactly at the threshold: precision or recall is "
        "wrong. A score equal to the threshold is alerted; the rates are over all rows, not means of daily rates.",
    )


@pytest.mark.points(2)
def test_reproducible_for_a_seed(impl, traffic, seed):
    """Does the same seed give the same intervals, whatever numpy's global random state does meanwhile?"""
    first = run(impl, traffic, seed=seed)
    np.random.seed(seed % 2**32)
    np.random.random(17)
    again = run(impl, traffic, seed=seed)
    expect(
        first == again,
        "Two calls with the same seed gave different intervals. Draw every resample from "
        "np.random.default_rng(seed), never from unseeded or global random numbers.",
    )
    # 1,000 resamples of 30 unlike days: two seeds giving the very same bounds would take a coincidence
    other = run(impl, traffic, seed=seed + 1)
    expect(
        first != other,
        "Two calls with different seeds gave the very same intervals: the resamples should be drawn from "
        "np.random.default_rng(seed), so that another seed draws other days.",
    )


@pytest.mark.points(3)
def test_as_wide_as_a_day_bootstrap(impl, traffic, expected, seed):
    """When days differ, is each interval as wide as a bootstrap over whole days makes it?"""
    got = run(impl, traffic, seed=seed)
    for metric in ("precision", "recall"):
        ratio = width(got, metric) / width(expected, metric)
        # over 150 seeds, two day bootstraps with different seeds had width ratios 0.88-1.10; a row
        # bootstrap or a binomial normal interval gave at most 0.38 (precision) and 0.65 (recall)
        message = (
            f"{DAYS_DIFFER}, your {metric} interval is "
            f"{'far narrower' if ratio < 1 else 'far wider'} than a 95% bootstrap over days gives. "
            + (
                "Rows from one day are not independent: resample whole days, with replacement, as many as "
                "there are days. A textbook binomial interval, or resampling rows or only the frauds, "
                "understates the uncertainty."
                if ratio < 1
                else "Are the quantiles (1 - confidence) / 2 and (1 + confidence) / 2?"
            )
        )
        expect_at_least(ratio, 0.75, message, what="interval width over a day bootstrap's (lower end)")
        expect_at_most(ratio, 1.33, message, what="interval width over a day bootstrap's (upper end)")


@pytest.mark.points(2)
def test_identical_days_leave_no_uncertainty(impl, traffic, seed):
    """When every day is an exact copy of one day, does the interval shrink to the point estimate?"""
    alerts_per_day = (traffic["score"] >= THRESHOLD).groupby(traffic["day"]).sum()
    one_day = traffic[traffic["day"] == alerts_per_day.idxmax()]  # it has alerts and (planted) fraud
    frame = one_day.iloc[np.tile(np.arange(len(one_day)), 20)].reset_index(drop=True)
    frame["day"] = np.repeat(np.arange(20), len(one_day))
    got = run(impl, frame, seed=seed)
    for metric in ("precision", "recall"):
        expect(
            width(got, metric) < 1e-12,
            f"Twenty days that are exact copies of one another leave nothing to resample: every resample of "
            f"whole days has the same {metric}, so the interval must be a single point. Yours has width "
            f"{width(got, metric):.3f}: are rows resampled instead of days, or a normal approximation used?",
        )


@pytest.mark.points(2)
def test_more_days_narrow_the_interval(impl, traffic, seed):
    """With four times as many days like these, is each interval about half as wide?"""
    frame = traffic.iloc[np.tile(np.arange(len(traffic)), 4)].reset_index(drop=True)
    frame["day"] = frame["day"].to_numpy() + np.repeat(np.arange(4) * 10**6, len(traffic))
    base, more = run(impl, traffic, seed=seed), run(impl, frame, seed=seed)
    for metric in ("precision", "recall"):
        ratio = width(more, metric) / max(width(base, metric), 1e-12)
        # over 150 seeds the reference's ratio was 0.45-0.58 (1/sqrt(4) = 0.5)
        message = (
            f"Four copies of each of 30 days (120 distinct days) should give a {metric} interval about half as "
            "wide as the 30 days alone; yours did not shrink like that. Each resample draws as many days as "
            "there are distinct days, with replacement."
        )
        expect_at_least(ratio, 0.35, message, what="interval width with four times the days (lower end)")
        expect_at_most(ratio, 0.70, message, what="interval width with four times the days (upper end)")


@pytest.mark.points(2)
def test_undefined_resamples_are_left_out(impl, seed):
    """When some resamples have no alerts or no fraud, are they left out rather than counted as 0?"""
    # day 1 holds every alert and every fraud; days 2 and 3 hold neither, so about 30% of resamples
    # (those that miss day 1) leave both metrics undefined, and every defined resample equals the estimate
    scores = [0.9, 0.8, 0.3, 0.1, 0.2, 0.1, 0.3, 0.2]
    labels = [1, 0, 1, 0, 0, 0, 0, 0]
    days = [1, 1, 1, 1, 2, 2, 3, 3]
    frame = pd.DataFrame({"score": scores, "is_fraud": labels, "day": days})
    got = run(impl, frame, seed=seed, n_resamples=200)
    for metric in ("precision", "recall"):
        low, high = got[f"{metric}_interval"]
        expect(
            is_close(low, got[metric]) and is_close(high, got[metric]),
            f"Three days, only the first with alerts and fraud: every resample that draws the first day has the "
            f"same {metric}, and the others leave it undefined. Your {metric} interval is not that single point: "
            "leave resamples where the metric is undefined out of its quantiles; never count them as 0 or 1.",
        )
    # one day whose only alert is its only fraud: every resample has exactly one alert and one fraud
    single = pd.DataFrame({"score": [0.9, 0.3, 0.2], "is_fraud": [1, 0, 0], "day": [5, 5, 5]})
    got = run(impl, single, seed=seed, n_resamples=50)
    for metric in ("precision", "recall"):
        expect(
            got[f"{metric}_interval"] == (1.0, 1.0),
            f"One day whose single alert is its single fraud: every resample has one alert and one fraud, so "
            f"{metric} is defined in all of them. Your {metric} interval is not that single point: a metric is "
            "undefined only when its denominator is 0, and one alert or one fraud is enough.",
        )


@pytest.mark.points(2)
def test_every_day_equally_likely(impl, seed):
    """Is each draw equally likely to pick any day, whichever comes first or last?"""
    # day 1: precision 1/4, recall 1/2; day 2: precision and recall 1. A resample of two days holds one of
    # each with probability 1/2, and then both metrics equal those of the two days pooled, which lie strictly
    # between. Drawn uniformly, the 35% and 65% quantiles of 4,000 resamples both fall among those mixed
    # resamples unless the share of either pure pair strays from 25% past 35%, 14.6 standard deviations
    # (over 300 seeds it reached at most 27.3%); a draw that favours one day (twice as likely, say) puts one
    # bound on a pure pair, whose share then nears 44% (over 300 seeds at least 42.7%).
    frame = pd.DataFrame(
        {
            "score": [0.9, 0.8, 0.7, 0.6, 0.2, 0.9, 0.8, 0.7],
            "is_fraud": [1, 0, 0, 0, 1, 1, 1, 1],
            "day": [1, 1, 1, 1, 1, 2, 2, 2],
        }
    )
    got = run(impl, frame, seed=seed, n_resamples=4000, confidence=0.3)
    for metric in ("precision", "recall"):
        low, high = got[f"{metric}_interval"]
        expect(
            is_close(low, got[metric]) and is_close(high, got[metric]),
            f"Two days, one with a low {metric} and one with a perfect {metric}, 4,000 resamples at "
            f"confidence=0.3: half the resamples draw each day once and have the pooled {metric}, so the middle "
            "30% of resamples all have it, and so should both bounds. Yours do not: is every draw equally likely "
            "to pick any of the days, the first and the last included?",
        )


@pytest.mark.points(1)
def test_bounds_interpolate_between_resamples(impl, seed):
    """Are the bounds np.quantile's default (linear) interpolation between resampled values?"""
    # day 1: one fraud alerted, one false alarm; day 2: two frauds alerted, one false alarm, one fraud missed.
    # Each resample of two days has one of three precisions (2/4, 3/5, 4/6) and recalls (2/2, 3/4, 4/6).
    # With two resamples v0 <= v1 and confidence 0.5, the linear bounds are v0 + (v1 - v0) / 4 and
    # v0 + 3 (v1 - v0) / 4, so (3 low - high) / 2 and (3 high - low) / 2 give back two of the three values.
    # Another method ("nearest", "lower", ...) passes only when both resamples agree: 3 chances in 8
    # per call, so twenty calls catch it but for a chance of (3/8)^20, below 1e-8.
    frame = pd.DataFrame(
        {
            "score": [0.9, 0.8, 0.9, 0.8, 0.6, 0.1],
            "is_fraud": [1, 0, 1, 1, 0, 1],
            "day": [1, 1, 2, 2, 2, 2],
        }
    )
    attainable = {"precision": (2 / 4, 3 / 5, 4 / 6), "recall": (2 / 2, 3 / 4, 4 / 6)}
    for call in range(20):
        result = run(impl, frame, seed=seed + call, n_resamples=2, confidence=0.5)
        for metric, values in attainable.items():
            low, high = result[f"{metric}_interval"]
            ends = ((3 * low - high) / 2, (3 * high - low) / 2)
            expect(
                all(min(abs(end - value) for value in values) < 1e-9 for end in ends),
                f"Two days, two resamples, confidence=0.5: the {metric} bounds are not the 25% and 75% points "
                "between the two resampled values. Use np.quantile's default (linear) interpolation, with "
                "the quantiles (1 - confidence) / 2 and (1 + confidence) / 2.",
            )


@pytest.mark.points(1)
def test_undefined_inputs_raise(impl, traffic):
    """Are no alerts, no fraud, misaligned inputs and impossible settings refused with ValueError?"""
    scores, labels, days = traffic["score"].to_numpy(), traffic["is_fraud"].to_numpy(), traffic["day"].to_numpy()
    cases = {
        "a threshold above every score (no alerts)": ((scores, labels, days, 2.0), {}),
        "no fraud at all": ((scores, np.zeros_like(labels), days, THRESHOLD), {}),
        "one label fewer than scores": ((scores, labels[:-1], days, THRESHOLD), {}),
        "one day fewer than scores": ((scores, labels, days[:-1], THRESHOLD), {}),
        "n_resamples=0": ((scores, labels, days, THRESHOLD), {"n_resamples": 0}),
        "confidence=1.5": ((scores, labels, days, THRESHOLD), {"confidence": 1.5}),
        "confidence=1 (outside the open interval (0, 1))": ((scores, labels, days, THRESHOLD), {"confidence": 1.0}),
        "confidence=0 (outside the open interval (0, 1))": ((scores, labels, days, THRESHOLD), {"confidence": 0.0}),
    }
    expect_rejected(impl, "operating_point_ci", cases)
    one = run(impl, traffic, seed=0, n_resamples=1)
    expect(
        all(low == high for low, high in (one["precision_interval"], one["recall_interval"])),
        "With n_resamples=1 (the least the docstring allows) every interval is the one resampled value.",
    )
