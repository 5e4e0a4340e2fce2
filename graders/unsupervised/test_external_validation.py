"""Graders for unsupervised/external_validation: per-segment conversion tests with a Bonferroni correction."""

import numpy as np
import pandas as pd
import pytest

from data.segments import make_segment_conversions
from mlkata import as_array, as_frame, expect, expect_rejected

COLUMNS = ["cluster", "size", "conversions", "rate", "low", "high", "p_value", "significant"]
SCENARIO = "On 6 segments of 150 to 2,000 trial users converting at about 8%"
DEFINITION = (
    "Each segment is tested against all *other* users (pooled two-proportion z-test, two-sided); p_value is "
    "the Bonferroni-adjusted min(1, m * p); the interval is Wilson's at level 1 - alpha/m."
)


def table(impl, labels, converted, **options) -> pd.DataFrame:
    frame = as_frame(
        impl.conversion_by_cluster(labels, converted, **options), what="conversion_by_cluster's result", columns=COLUMNS
    )
    expect(len(frame) == len(np.unique(labels)), "conversion_by_cluster should return one row per segment.")
    return frame.reset_index(drop=True)


def wrong_columns(mine: pd.DataFrame, theirs: pd.DataFrame) -> list[str]:
    """The columns where the candidate's table departs from the definition."""
    wrong = []
    if mine["cluster"].astype(str).tolist() != theirs["cluster"].astype(str).tolist():
        return ["cluster (one row per segment, sorted by segment)"]
    for column in COLUMNS[1:]:
        values = as_array(mine[column], what=f"the {column} column")
        if column == "significant":
            ok = np.array_equal(values.astype(bool), theirs[column].to_numpy(dtype=bool))
        else:
            ok = np.allclose(values, theirs[column].to_numpy(dtype=float), rtol=1e-7, atol=1e-10)
        if not ok:
            wrong.append(column)
    return wrong


@pytest.fixture(scope="module")
def planted(seed):
    return make_segment_conversions(seed=seed)


@pytest.fixture(scope="module")
def candidate_planted(impl, planted):
    labels, converted, _ = planted
    return table(impl, labels, converted)


@pytest.mark.points(3)
def test_planted_differences_are_flagged(candidate_planted, planted):
    """Are the segment converting at 2.2x the base rate and the one at 0.3x both flagged?"""
    _, _, truth = planted
    flagged = candidate_planted.set_index("cluster")["significant"]
    missed = [c for c in truth if not bool(flagged[c])]
    # over 200 seeds the reference's largest adjusted p-value for a planted segment was 0.0014 (alpha 0.05)
    expect(
        not missed,
        f"{SCENARIO}, one segment converts at about 2.2 times the base rate and another at 0.3 times it, "
        f"with 400+ users each; {len(missed)} of the two is not flagged. Compare rates (not counts), each "
        "segment against the rest of the users.",
    )


@pytest.mark.points(3)
def test_every_figure_is_exact(reference, planted, candidate_planted):
    """Are sizes, rates, intervals, adjusted p-values and flags exactly as defined?"""
    labels, converted, _ = planted
    wrong = wrong_columns(candidate_planted, table(reference, labels, converted))
    expect(not wrong, f"{SCENARIO} (two of them different), these columns are off: {wrong}. {DEFINITION}")


@pytest.mark.points(2)
def test_no_planted_difference(impl, reference, seed):
    """Where every segment converts at the same rate, are the figures and flags exact (false positives stay rare)?"""
    labels, converted, _ = make_segment_conversions(planted=False, seed=seed)
    # over 1,000 null seeds: the reference (and scipy's tests) flag some segment on 5.8% of them, near
    # alpha = 5%; without the correction 27.1%, comparing raw counts 99.6%
    wrong = wrong_columns(table(impl, labels, converted), table(reference, labels, converted))
    expect(
        not wrong,
        f"{SCENARIO}, all at the same rate, these columns are off: {wrong}. With 6 tests at 5% some segment "
        f"looks different by chance about a quarter of the time: the correction keeps that near 5%. {DEFINITION}",
    )


@pytest.mark.points(2)
def test_nominal_one_percent_among_eight_is_not_flagged(impl, reference):
    """Among 8 segments, is one with a raw p-value of about 0.01 left unflagged, as Bonferroni requires?"""
    labels = np.repeat(np.arange(8), 500)
    converted = np.zeros(4000, dtype=int)
    for segment, hits in enumerate([50, 50, 69, 50, 50, 50, 50, 50]):
        converted[segment * 500 : segment * 500 + hits] = 1
    mine = table(impl, labels, converted)
    expect(
        not as_array(mine["significant"], what="the significant column").any(),
        "Among 8 segments of 500 users, seven converting at 10% and one at 13.8% (raw two-sided p about 0.0095), "
        "you flag a segment. Eight tests need a correction: the adjusted p-value is min(1, 8 * p).",
    )
    wrong = wrong_columns(mine, table(reference, labels, converted))
    expect(not wrong, f"Among 8 segments of 500 users, these columns are off: {wrong}. {DEFINITION}")


@pytest.mark.points(1)
def test_segment_where_nobody_converted(impl, reference):
    """For a segment of 40 users with no conversion, is the interval a real interval (0 to above 0)?"""
    labels = np.repeat(["a", "b", "c"], [40, 300, 260])
    converted = np.r_[np.zeros(40, dtype=int), np.tile([1, 0, 0, 0, 0], 60), np.tile([1, 0, 0, 0], 65)]
    mine = table(impl, labels, converted)
    high = as_array(mine["high"], what="the high column")[0]
    expect(
        high > 0.01,
        "For a segment of 40 users where nobody converted, your interval is (nearly) the single point 0. "
        "Zero out of 40 does not prove a rate of exactly 0: the Wilson interval stays open above.",
    )
    wrong = wrong_columns(mine, table(reference, labels, converted))
    expect(not wrong, f"With a segment where nobody converted, these columns are off: {wrong}. {DEFINITION}")


@pytest.mark.points(1)
def test_nobody_or_everybody_converted(impl, reference):
    """With 2 segments where nobody (or everybody) converted, are the p-values 1 and the figures exact?"""
    labels = np.repeat(["trial", "promo"], [120, 80])
    for outcome, words in ((0, "nobody"), (1, "everybody")):
        converted = np.full(200, outcome)
        wrong = wrong_columns(table(impl, labels, converted), table(reference, labels, converted))
        expect(
            not wrong,
            f"With 2 segments (allowed) of 120 and 80 users where {words} converted, these columns are off: "
            f"{wrong}. The pooled rate is {outcome}, so the z statistic is 0 / 0: the contract sets the raw "
            "p-value to 1 there.",
        )


@pytest.mark.points(1)
def test_bad_input_raises(impl):
    """Are misaligned inputs, outcomes other than 0/1, a single segment and alpha of 0 or 1 refused?"""
    cases = {
        "3 labels and 4 outcomes": (([0, 1, 1], [0, 1, 0, 1]), {}),
        "an outcome of 2": (([0, 0, 1, 1], [0, 2, 0, 1]), {}),
        "one segment only": (([5, 5, 5, 5], [0, 1, 0, 1]), {}),
        "alpha=1": (([0, 0, 1, 1], [0, 1, 0, 1]), {"alpha": 1.0}),
        "alpha=0": (([0, 0, 1, 1], [0, 1, 0, 1]), {"alpha": 0.0}),
    }
    expect_rejected(impl, "conversion_by_cluster", cases)
