"""Graders for evaluation/drift_report: population stability index with reference quantile bins."""

import numpy as np
import pandas as pd
import pytest

from data.holiday_drift import SHIFTED, STABLE, make_holiday_tables
from mlkata import as_array, as_frame, expect, expect_rejected, is_close

SCENARIO = "On 2,500 orders before and 2,500 during a holiday sale (eight features)"
CONTRACT = (
    "Numeric edges are the reference's quantiles at 1/n_bins .. (n_bins-1)/n_bins, unique, with open outer "
    "bins and a value on an edge going to the bin above; every category is a bin; missing values are a bin "
    "of their own; zero shares become EPSILON."
)


def report(impl, reference, current, **options):
    result = as_frame(impl.drift_report(reference, current, **options), what="drift_report's result", columns=["psi"])
    as_frame(result, what="drift_report's result", columns=["shifted"])
    expect(
        list(result.index) == list(reference.columns),
        "The report should be indexed by feature name in the reference's column order, even when the current "
        "table lists its columns in another order.",
    )
    psi = as_array(result["psi"], what="the psi column", length=len(reference.columns))
    expect(np.isfinite(psi).all(), f"{SCENARIO}, some PSI values are infinite. {CONTRACT}")
    return pd.Series(psi, index=result.index), result["shifted"]


def expect_informative(psi):
    """Fail a report whose PSI cannot tell the planted shifted features from the stable ones."""
    # over 300 seeds the reference's PSI of the shifted features was 0.61-2.78, of the stable ones 0.000-0.019
    expect(
        psi[list(SHIFTED)].min() > psi[list(STABLE)].max(),
        f"{SCENARIO}, the PSI of some stable feature is as high as that of a feature that shifted: the report "
        "cannot tell drift from no drift. " + CONTRACT,
    )


@pytest.fixture(scope="module")
def tables(seed):
    return make_holiday_tables(seed=seed)


@pytest.fixture(scope="module")
def expected(reference, tables):
    return report(reference, *tables)


@pytest.fixture(scope="module")
def candidate_report(impl, tables):
    return report(impl, *tables)


@pytest.mark.points(3)
def test_psi_of_every_feature(candidate_report, expected):
    """Is each feature's PSI exact?"""
    psi, _ = candidate_report
    wrong = [feature for feature in psi.index if not is_close(psi[feature], expected[0][feature])]
    expect(
        not wrong,
        f"{SCENARIO}, the PSI is wrong for {wrong}. {CONTRACT}",
    )


@pytest.mark.points(3)
def test_flags_exactly_the_shifted_features(candidate_report):
    """Are exactly the features that moved flagged, and none of the stable ones?"""
    _, shifted = candidate_report
    # over 300 seeds the reference's PSI of the shifted features was 0.61-2.78, of the stable ones 0.000-0.019
    flagged = set(shifted.index[shifted.astype(bool).to_numpy()])
    missed, false_alarms = sorted(set(SHIFTED) - flagged), sorted(flagged - set(SHIFTED))
    expect(
        not missed and not false_alarms,
        f"{SCENARIO}, where four features shifted (skewed, zero-inflated, categorical with a new category, "
        f"a missing rate that jumped) and four did not: missed {missed}, false alarms {false_alarms}. "
        "Bins from the current period hide shifts; missing values and new categories need bins of their own.",
    )


@pytest.mark.points(2)
def test_row_and_column_order_change_nothing(impl, tables, candidate_report, seed):
    """Is the report the same when rows and columns come in another order?"""
    reference, current = tables
    psi, _ = candidate_report
    expect_informative(psi)
    rng = np.random.default_rng(seed)
    shuffled_reference = reference.iloc[rng.permutation(len(reference)), rng.permutation(reference.shape[1])]
    shuffled_current = current.iloc[rng.permutation(len(current)), rng.permutation(current.shape[1])]
    again, _ = report(impl, shuffled_reference, shuffled_current)
    moved = [feature for feature in psi.index if not is_close(psi[feature], again[feature])]
    expect(not moved, f"{SCENARIO}, shuffling rows and columns changed the PSI of {moved}.")


@pytest.mark.points(2)
def test_identical_periods_do_not_drift(impl, tables, candidate_report):
    """When the current period is the reference itself, is every PSI zero?"""
    reference, _ = tables
    expect_informative(candidate_report[0])
    psi, shifted = report(impl, reference, reference.copy())
    expect(
        np.allclose(psi.to_numpy(), 0.0, atol=1e-12) and not shifted.astype(bool).any(),
        f"{SCENARIO}, comparing the reference with itself gave a non-zero PSI for "
        f"{list(psi.index[np.abs(psi.to_numpy()) > 1e-12])}. Are both tables binned with the same bins?",
    )


@pytest.mark.points(2)
def test_threshold_is_strict_and_honoured(impl, tables, candidate_report):
    """Is a feature flagged only when its PSI is strictly above the threshold the caller passes?"""
    reference, current = tables
    expect_informative(candidate_report[0])
    # every bin's share is the same in both tables, so each term of the sum is exactly 0
    _, shifted = report(impl, reference, reference.copy(), threshold=0.0)
    expect(
        not shifted.astype(bool).any(),
        f"{SCENARIO}, comparing the reference with itself (a PSI of 0) at threshold=0 flagged "
        f"{list(shifted.index[shifted.astype(bool).to_numpy()])}: shifted means psi > threshold, strictly.",
    )
    for threshold in (0.01, 0.5, 100.0):
        psi, shifted = report(impl, reference, current, threshold=threshold)
        expect(
            np.array_equal(shifted.astype(bool).to_numpy(), psi.to_numpy() > threshold),
            f"{SCENARIO}, with threshold={threshold} the shifted column does not say psi > threshold for every "
            "feature: use the threshold the caller passes, not a fixed one.",
        )


@pytest.mark.points(2)
def test_small_tables(impl, reference):
    """On small tables with values off the reference's range, a vanished category and missing values, is PSI exact?"""
    before = pd.DataFrame(
        {
            "amount": [1.0, 2.0, 2.0, 3.0, 4.0, 5.0, np.nan, 6.0],
            "channel": ["shop", "app", "app", "shop", "phone", "app", "shop", None],
        }
    )
    during = pd.DataFrame(
        {
            "channel": ["app", "app", "app", "kiosk", None, None, "shop", "app"],
            "amount": [0.5, 2.0, 9.0, 9.5, np.nan, np.nan, 3.0, 4.0],
        }
    )
    for n_bins in (4, 3):
        mine, _ = report(impl, before, during, n_bins=n_bins)
        theirs, _ = report(reference, before, during, n_bins=n_bins)
        wrong = [feature for feature in mine.index if not is_close(mine[feature], theirs[feature])]
        expect(
            not wrong,
            f"Eight rows per period, n_bins={n_bins}, current values below and above the reference's range, a "
            f"category gone and a new one, missing values in both: the PSI is wrong for {wrong}. {CONTRACT}",
        )


@pytest.mark.points(1)
def test_different_columns_raise(impl, tables):
    """When the two tables do not have the same columns, does it raise ValueError?"""
    reference, current = tables
    cases = {
        "a current table without one of the reference's columns": ((reference, current.drop(columns="device")), {}),
        "a current table with a column the reference lacks": ((reference, current.assign(extra=1.0)), {}),
        "a current table with one column renamed": ((reference, current.rename(columns={"device": "platform"})), {}),
    }
    expect_rejected(impl, "drift_report", cases)
