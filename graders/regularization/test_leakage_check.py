"""Graders for regularization/leakage_check: late features, label proxies, label-ordered IDs, shared rows."""

import numpy as np
import pandas as pd
import pytest

from data.leaky_table import LEAKY_ROLES, make_leaky_table
from mlkata import as_array, as_mapping, expect

SCENARIO = "On 2,000 training and 1,000 test rows with ten anonymous columns"
WORDS = {
    "future": "a feature only known after the prediction time",
    "proxy": "a label proxy",
    "inverted_proxy": "an inverted label proxy (AUC near 0)",
    "label_ordered_id": "an ID handed out in label order",
    "strong_decoy": "a legitimately strong feature (AUC about 0.8)",
    "time_decoy": "a feature that rises with arrival time but says nothing about the label",
    "noise_d": "a feature known exactly at the prediction time (available_after 0 is not after it)",
}


def found(result) -> tuple[list, np.ndarray]:
    """The flagged features and rows of a result, as returned (order kept)."""
    result = as_mapping(result, what="find_leaks's result", keys=("features", "test_rows"))
    rows = as_array(list(result["test_rows"]), what="result['test_rows']") if len(result["test_rows"]) else np.array([])
    return list(result["features"]), rows.astype(int)


def leaks(impl, table, train=None, test=None, available_after=None) -> tuple[set, np.ndarray]:
    train = table["train"] if train is None else train
    test = table["test"] if test is None else test
    available_after = table["available_after"] if available_after is None else available_after
    features, rows = found(impl.find_leaks(train, table["labels"], test, available_after))
    return set(features), np.sort(rows)


def described(columns, roles) -> list[str]:
    return sorted(WORDS.get(roles[c], "a noise feature") for c in columns)


@pytest.fixture(scope="module")
def table(seed):
    return make_leaky_table(seed=seed)


@pytest.fixture(scope="module")
def candidate_leaks(impl, table):
    return leaks(impl, table)


@pytest.mark.points(4)
def test_flags_every_leaky_feature(table, candidate_leaks):
    """Are the late feature, both proxies and the label-ordered ID all flagged?"""
    # the reference flags exactly the four planted leaks and finds all 80 shared rows on 300 of 300 seeds
    flagged, _ = candidate_leaks
    expect(
        flagged != set(table["train"].columns),
        f"{SCENARIO}, every column was flagged, honest ones included: a checker that flags everything tells "
        "nothing apart. Flag late columns and near-perfect separators only.",
    )
    planted = {c for c, role in table["roles"].items() if role in LEAKY_ROLES}
    missed = planted - flagged
    expect(
        not missed,
        f"{SCENARIO}, these leaks went unflagged: {described(missed, table['roles'])}. Check availability against "
        "the prediction time, and single-feature AUC in both directions: max(auc, 1 - auc).",
    )


@pytest.mark.points(2)
def test_flags_no_honest_feature(table, candidate_leaks):
    """Are the strong-but-honest feature, the time-correlated one and the noise left alone?"""
    flagged, _ = candidate_leaks
    planted = {c for c, role in table["roles"].items() if role in LEAKY_ROLES}
    expect(
        flagged & planted,
        f"{SCENARIO}, no leaking column was flagged at all, so there is no verdict to tell honest columns from "
        "leaks. Check availability against the prediction time, and single-feature AUC in both directions.",
    )
    false_alarms = flagged - planted
    expect(
        not false_alarms,
        f"{SCENARIO}, these honest columns were flagged: {described(false_alarms, table['roles'])}. A strong "
        "feature is not a leak; only near-perfect separation (AUC beyond the threshold) or late availability is.",
    )


@pytest.mark.points(3)
def test_finds_rows_shared_with_training(table, candidate_leaks, reference):
    """Are exactly the test rows that copy a training row (exactly or up to tiny noise) flagged?"""
    _, rows = candidate_leaks
    _, expected = leaks(reference, table)
    missed, extra = np.setdiff1d(expected, rows).size, np.setdiff1d(rows, expected).size
    expect(
        not missed and not extra,
        f"{SCENARIO}, where 80 test rows copy a training row (half of them up to noise below 1e-9), your list "
        f"misses {missed} and wrongly includes {extra}. Compare the rows' values, within the tolerance, in every "
        "column; index labels say nothing about content.",
    )


@pytest.mark.points(2)
def test_names_and_column_order_do_not_matter(impl, table, candidate_leaks, seed):
    """With the columns renamed and reordered, is the same verdict reached?"""
    flagged, rows = candidate_leaks
    expect(
        0 < len(flagged) < len(table["train"].columns) and 0 < len(rows) < len(table["test"]),
        f"{SCENARIO}, with leaks among the columns and the rows, your checker flagged none or all of the columns, "
        "or none or all of the test rows: there is no verdict whose stability could be checked.",
    )
    rng = np.random.default_rng(seed)
    columns = list(table["train"].columns)
    new_names = dict(zip(columns, [f"col_{i}" for i in rng.permutation(len(columns))], strict=True))
    order = [new_names[c] for c in rng.permutation(columns)]
    train = table["train"].rename(columns=new_names)[order]
    test = table["test"].rename(columns=new_names)[order]
    # availability listed in the reverse of the table's column order: it must be looked up by name
    available_after = table["available_after"].rename(new_names)[order[::-1]]
    flagged, rows = leaks(impl, table, train, test, available_after)
    expect(
        flagged == {new_names[c] for c in candidate_leaks[0]} and np.array_equal(rows, candidate_leaks[1]),
        f"{SCENARIO}, renaming and reordering the columns changed which columns or rows are flagged. Judge "
        "columns by their data and availability, and look up availability by column name.",
    )


@pytest.mark.points(1)
def test_lists_are_sorted(impl, table):
    """Are the flagged columns sorted by name, and the flagged rows sorted positions?"""
    features, rows = found(impl.find_leaks(table["train"], table["labels"], table["test"], table["available_after"]))
    expect(
        features and len(rows),
        f"{SCENARIO}, nothing was flagged among the columns or the rows, although both hold leaks.",
    )
    expect(
        features == sorted(features) and np.all(np.diff(rows) > 0),
        f"{SCENARIO}, the lists are not sorted: the contract asks for the column names sorted and the test rows as "
        "increasing positions, each once.",
    )


def boundary_table() -> tuple:
    """Eight training rows (labels 0, 1, 0, 1, ...) whose columns sit exactly on the contract's boundaries."""
    labels = np.array([0, 1] * 4)
    negatives = np.array([0.0, 1.0, 2.0, 5.0])

    def interleaved(positives) -> np.ndarray:
        values = np.empty(8)
        values[0::2], values[1::2] = negatives, positives
        return values

    train = pd.DataFrame(
        {
            "p": interleaved([0.5, 2.5, 6.0, 7.0]),  # AUC exactly 12/16 = 0.75
            "q": -interleaved([0.5, 2.5, 6.0, 7.0]),  # AUC exactly 0.25: 1 - AUC = 0.75
            "r": interleaved([0.5, 1.5, 6.0, 7.0]),  # AUC 11/16, short of 0.75
            "s": 10_000 + interleaved([1.0, 1.5, 3.0, 9.0]),  # AUC 21/32; values near 10,000; known exactly at t
            "t": interleaved([3.0, 0.5, 1.5, 4.0]),  # known half an hour after t
            "u": 10.0 * np.arange(8),  # keeps every training row at least 10 from every other
        },
        index=np.arange(8) + 40,
    )
    test = train.iloc[[2, 5, 1, 6, 3]].copy()
    test.iloc[0, 0] += 0.5  # differs by exactly the tolerance in one column: a duplicate
    test.iloc[1, [0, 1]] += 0.4  # within the tolerance in each column (0.57 apart in Euclidean terms): a duplicate
    test.iloc[2, 2] += 0.75  # beyond the tolerance in one column: not a duplicate
    test.iloc[3, 3] += 0.55  # beyond it in absolute terms, within 1e-5 relative: not a duplicate
    test = pd.concat([test, pd.DataFrame([[100.0] * 6], columns=train.columns)]).set_axis(np.arange(6) + 3)
    available_after = pd.Series({"p": -2.0, "q": -2.0, "r": -2.0, "s": 0.0, "t": 0.5, "u": -1.0})
    return train, labels, test, available_after


BOUNDARY_OPTIONS = {"auc_threshold": 0.75, "tolerance": 0.5}


@pytest.mark.points(1)
def test_feature_boundaries(impl, reference):
    """AUC exactly at the threshold either way, a column known exactly at the prediction time: is each on the
    right side?"""
    train, labels, test, available_after = boundary_table()
    mine, _ = found(impl.find_leaks(train, labels, test, available_after, **BOUNDARY_OPTIONS))
    theirs, _ = found(reference.find_leaks(train, labels, test, available_after, **BOUNDARY_OPTIONS))
    expect(
        set(mine) == set(theirs),
        "On eight training rows with auc_threshold=0.75: a column whose AUC is exactly 0.75, one whose AUC is exactly "
        "0.25, one at 11/16, one known exactly at the prediction time (available_after 0) and one half an hour "
        "after it; the wrong columns were flagged. The contract's tests are max(a, 1 - a) >= auc_threshold and "
        "available_after > 0.",
    )


@pytest.mark.points(1)
def test_row_boundaries(impl, reference):
    """A difference exactly at the tolerance, within it in two columns, beyond it in a column of large values:
    is each test row on the right side?"""
    train, labels, test, available_after = boundary_table()
    _, mine = found(impl.find_leaks(train, labels, test, available_after, **BOUNDARY_OPTIONS))
    _, theirs = found(reference.find_leaks(train, labels, test, available_after, **BOUNDARY_OPTIONS))
    expect(
        set(mine.tolist()) == set(theirs.tolist()),
        "With tolerance=0.5: test rows that differ from a training row by exactly 0.5 in one column, by 0.4 in two "
        "columns, by 0.75 in one, by 0.55 in a column whose values are near 10,000, and a fresh row; the wrong rows "
        "were flagged. A duplicate is within the tolerance (absolute, inclusive) in every column separately.",
    )
