"""Graders for regularization/leakage_check: late features, label proxies, label-ordered IDs, shared rows."""

import numpy as np
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
}


def leaks(impl, table, train=None, test=None, available_after=None) -> tuple[set, np.ndarray]:
    train = table["train"] if train is None else train
    test = table["test"] if test is None else test
    available_after = table["available_after"] if available_after is None else available_after
    result = as_mapping(
        impl.find_leaks(train, table["labels"], test, available_after),
        what="find_leaks's result",
        keys=("features", "test_rows"),
    )
    rows = as_array(list(result["test_rows"]), what="result['test_rows']") if len(result["test_rows"]) else np.array([])
    return set(result["features"]), np.sort(rows.astype(int))


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
    rng = np.random.default_rng(seed)
    columns = list(table["train"].columns)
    new_names = dict(zip(columns, [f"col_{i}" for i in rng.permutation(len(columns))], strict=True))
    order = [new_names[c] for c in rng.permutation(columns)]
    train = table["train"].rename(columns=new_names)[order]
    test = table["test"].rename(columns=new_names)[order]
    available_after = table["available_after"].rename(new_names)
    flagged, rows = leaks(impl, table, train, test, available_after)
    expect(
        flagged == {new_names[c] for c in candidate_leaks[0]} and np.array_equal(rows, candidate_leaks[1]),
        f"{SCENARIO}, renaming and reordering the columns changed which columns or rows are flagged. Judge "
        "columns by their data and availability, and look up availability by column name.",
    )
