"""Graders for evaluation/operating_point_ci: precision and recall with a day-level bootstrap."""

import numpy as np
import pandas as pd
import pytest

from data.fraud_review import make_review_days
from mlkata import as_float, as_mapping, expect, expect_rejected, is_close

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


@pytest.mark.points(3)
def test_point_estimates(impl, reference, traffic, expected, seed):
    """Are precision and recall at the threshold exact?"""
    got = run(impl, traffic, seed=seed)
    for metric in ("precision", "recall"):
        expect(
            is_close(got[metric], expected[metric]),
            f"{DAYS_DIFFER}, {metric} at a threshold of {THRESHOLD} is wrong. A transaction is alerted when "
            "score >= threshold; precision is alerted frauds / alerts, recall alerted frauds / frauds, on all rows.",
        )
    scores, labels, days = [0.9, THRESHOLD, 0.2, THRESHOLD, 0.1, 0.7], [1, 1, 1, 0, 0, 0], [1, 1, 1, 2, 2, 2]
    got, want = run_on(impl, scores, labels, days, seed), run_on(reference, scores, labels, days, seed)
    expect(
        all(is_close(got[metric], want[metric]) for metric in ("precision", "recall")),
        "Six transactions over two days, two of them scored exactly at the threshold: precision or recall is "
        "wrong. A score equal to the threshold is alerted; the rates are over all rows, not means of daily rates.",
    )


@pytest.mark.points(1)
def test_intervals_contain_the_estimates(impl, traffic, seed):
    """Is each interval ordered and does it contain its point estimate?"""
    got = run(impl, traffic, seed=seed)
    for metric in ("precision", "recall"):
        low, high = got[f"{metric}_interval"]
        expect(
            0 <= low <= got[metric] <= high <= 1,
            f"{DAYS_DIFFER}, the {metric} interval does not run from a low to a high bound around the {metric} "
            "itself within [0, 1]. Take the lower and upper quantiles of the resampled values.",
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


@pytest.mark.points(3)
def test_as_wide_as_a_day_bootstrap(impl, traffic, expected, seed):
    """When days differ, is each interval as wide as a bootstrap over whole days makes it?"""
    got = run(impl, traffic, seed=seed)
    for metric in ("precision", "recall"):
        ratio = width(got, metric) / width(expected, metric)
        # over 150 seeds, two day bootstraps with different seeds had width ratios 0.88-1.10; a row
        # bootstrap or a binomial normal interval gave at most 0.38 (precision) and 0.65 (recall)
        expect(
            0.75 <= ratio <= 1.33,
            f"{DAYS_DIFFER}, your {metric} interval is "
            f"{'far narrower' if ratio < 1 else 'far wider'} than a 95% bootstrap over days gives. "
            + (
                "Rows from one day are not independent: resample whole days, with replacement, as many as "
                "there are days. A textbook binomial interval, or resampling rows or only the frauds, "
                "understates the uncertainty."
                if ratio < 1
                else "Are the quantiles (1 - confidence) / 2 and (1 + confidence) / 2?"
            ),
        )


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
        expect(
            0.35 <= ratio <= 0.70,
            f"Four copies of each of 30 days (120 distinct days) should give a {metric} interval about half as "
            "wide as the 30 days alone; yours did not shrink like that. Each resample draws as many days as "
            "there are distinct days, with replacement.",
        )


@pytest.mark.points(1)
def test_undefined_inputs_raise(impl, traffic):
    """Are no alerts, misaligned inputs and an impossible confidence refused with ValueError?"""
    scores, labels, days = traffic["score"].to_numpy(), traffic["is_fraud"].to_numpy(), traffic["day"].to_numpy()
    cases = {
        "a threshold above every score (no alerts)": ((scores, labels, days, 2.0), {}),
        "one label fewer than scores": ((scores, labels[:-1], days, THRESHOLD), {}),
        "confidence=1.5": ((scores, labels, days, THRESHOLD), {"confidence": 1.5}),
    }
    expect_rejected(impl, "operating_point_ci", cases)
