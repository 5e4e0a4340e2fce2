"""Graders for trees/honest_importance: permutation importance measured where it means something."""

import numpy as np
import pandas as pd
import pytest
from sklearn.tree import DecisionTreeClassifier

from data.tree_tables import COLUMNS, SIGNAL_COLUMNS, make_importance_table
from mlkata import as_float, expect, expect_arguments_unchanged, expect_at_least, expect_at_most, shared

N_REPEATS = 3
SCENARIO = (
    "For a fully grown decision tree fitted on 1,000 customers (10% of labels flipped) and explained on 1,000 "
    "validation customers"
)
# the scale test: validation rows with two churners in three left out (about 14% churners), where a relative drop or
# a drop in ROC-AUC (for a tree's 0/1 scores, balanced accuracy) differs from the drop in accuracy by more than the
# noise of the shuffles
FEW_CHURNERS = (
    "For the same tree explained on validation customers of whom about one in seven churned (two churners in three "
    "left out), 20 shuffles per column"
)
SCALE_REPEATS = 20


def tables(seed: int, *, thinned: bool = False) -> tuple:
    X_train, y_train, X_valid, y_valid = make_importance_table(seed=seed)
    if thinned:
        keep = (y_valid == 0) | (np.random.default_rng(seed + 7).random(len(y_valid)) < 1 / 3)
        X_valid, y_valid = X_valid[keep].reset_index(drop=True), y_valid[keep]
    return X_train, y_train, X_valid, y_valid


@shared
def accuracy_drops(seed: int, *, thinned: bool = False) -> dict:
    """The accuracy drop of each column when shuffled, measured by the grader with many shuffles."""
    X_train, y_train, X_valid, y_valid = tables(seed, thinned=thinned)
    tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)
    rng = np.random.default_rng(10**6 + seed)
    rows = X_valid.to_numpy(dtype=np.float32)  # what the tree sees; skips the checks of many predict calls
    baseline = np.mean(tree.predict(rows, check_input=False) == y_valid)
    drops = {}
    for j, column in enumerate(X_valid.columns):
        shuffled = rows.copy()
        scores = []
        for _ in range(100 if thinned else 40):
            shuffled[:, j] = rng.permutation(rows[:, j])
            scores.append(np.mean(tree.predict(shuffled, check_input=False) == y_valid))
        drops[column] = baseline - float(np.mean(scores))
    return drops


def checked_report(result) -> dict:
    expect(
        isinstance(result, pd.Series),
        f"importance_report should return a pandas Series; it returned {type(result).__name__}.",
    )
    expect(
        set(map(str, result.index)) == set(COLUMNS) and result.index.is_unique,
        "The Series should have one entry per column of X_valid, indexed by the column names.",
    )
    return {column: as_float(value, what=f"the importance of {column}") for column, value in result.items()}


@pytest.fixture(scope="module")
def report(impl, seed) -> dict:
    return checked_report(impl.importance_report(*tables(seed), n_repeats=N_REPEATS, seed=seed))


@pytest.mark.points(3)
def test_real_drivers_rank_on_top(report):
    """Do the three real drivers of churn hold the three highest importances?"""
    others = [column for column in COLUMNS if column not in SIGNAL_COLUMNS]
    # over 120 seeds, the lowest real driver's importance minus the highest other column's: the reference
    # 0.023-0.094, scikit-learn's permutation_importance 0.017-0.089; shuffles left in place -0.158 to -0.075
    expect(
        min(report[column] for column in SIGNAL_COLUMNS) > max(report[column] for column in others),
        f"{SCENARIO}, the three highest importances are not the three columns that really drive churn: a column "
        "with no effect on churn ranks among them. A column the tree split on to memorise noise looks important "
        "in impurity importances, and on the training rows; on validation rows it does not.",
    )


@pytest.mark.points(3)
def test_customer_id_scores_about_zero(report):
    """Does the random customer ID get an importance of about zero, while the real drivers score above it?"""
    # over 120 seeds, |importance of customer_id|: the reference at most 0.028, scikit-learn's permutation_importance
    # 0.024; over 40 seeds, on the training rows at least 0.046, impurity importance 0.065, shuffles left in place 0.176
    expect_at_most(
        abs(report["customer_id"]),
        0.035,
        f"{SCENARIO}, customer_id, a random number distinct for every customer, gets importance "
        f"{report['customer_id']:.3f}. Shuffling it cannot hurt predictions on customers the tree never saw. "
        "Is the accuracy measured on the training rows, or are earlier shuffles still in place when the ID "
        "is shuffled?",
        what="absolute importance of the customer ID",
    )
    # a zero for every column is not an answer: over 120 seeds the weakest real driver scores at least 0.030 (the
    # reference) and 0.025 (scikit-learn's permutation_importance)
    expect_at_least(
        min(report[column] for column in SIGNAL_COLUMNS),
        0.01,
        f"{SCENARIO}, a real driver of churn gets an importance of about zero or less, like the customer ID: "
        "shuffling a column the tree needs must cost validation accuracy.",
        what="weakest real driver's importance",
    )


@pytest.mark.points(2)
def test_matches_the_accuracy_drop(report, seed):
    """Does every importance agree with the drop in validation accuracy that the grader measures itself?"""
    drops = accuracy_drops(seed)
    off = [column for column in COLUMNS if abs(report[column] - drops[column]) > 0.045]
    # over 120 seeds, the largest distance to the grader's 40-shuffle drops: the reference 0.023, scikit-learn's
    # permutation_importance 0.027; over 40 seeds, on the training rows at least 0.138, impurity importance 0.143,
    # shuffles left in place 0.182
    expect_at_most(
        max(abs(report[column] - drops[column]) for column in COLUMNS),
        0.045,
        f"{SCENARIO}, the importance of {off} is far from the drop in validation accuracy when that column alone "
        f"is shuffled ({N_REPEATS} shuffles averaged). It is accuracy on the intact rows minus accuracy after the "
        "shuffle, each column shuffled on its own from the intact rows.",
        what="largest distance to the grader's accuracy drops",
    )


@pytest.mark.points(1)
def test_reproducible_and_leaves_the_callers_data_alone(impl, report, seed):
    """Does the same seed give the same report, with the caller's DataFrames and labels left as they were?"""
    # the first of the two calls is the one every test above reads
    again = expect_arguments_unchanged(impl, "importance_report", *tables(seed), n_repeats=N_REPEATS, seed=seed)
    again = checked_report(again)
    expect(
        all(again[column] == report[column] for column in COLUMNS),
        f"{SCENARIO}, two calls with the same seed gave different importances. Draw the shuffles from "
        "np.random.default_rng(seed), so that a report can be reproduced.",
    )


# last: its many shuffles make it the dearest test, and a wrong scale is a mistake no other test catches
@pytest.mark.points(2)
def test_an_absolute_drop_in_accuracy(impl, seed):
    """Where few customers churned, is the importance the absolute drop in accuracy (not relative, not ROC-AUC)?"""
    report = checked_report(impl.importance_report(*tables(seed, thinned=True), n_repeats=SCALE_REPEATS, seed=seed))
    drops = accuracy_drops(seed, thinned=True)
    ratio = sum(report[column] for column in SIGNAL_COLUMNS) / sum(drops[column] for column in SIGNAL_COLUMNS)
    # the real drivers' importances summed, over the grader's 100-shuffle accuracy drops, with 20 shuffles per
    # column: over seeds 0-119 the reference 0.935-1.069, scikit-learn's permutation_importance 0.934-1.068; the
    # relative drop 1.168-1.449, the drop in ROC-AUC 1.169-2.075 (shuffles left in place 1.039-1.780: the customer
    # ID test rejects them): the upper limit sits midway between the fair answers and the wrong scales
    message = (
        f"{FEW_CHURNERS}, the real drivers' importances are {ratio:.2f} times the drops in accuracy the grader "
        "measures. The importance is accuracy on the intact rows minus accuracy after the shuffle: not divided by "
        "the intact accuracy, and not a drop in ROC-AUC, which weighs the rare churners as much as everyone else."
    )
    expect_at_least(ratio, 0.86, message, what="importances over the grader's accuracy drops (lower end)")
    expect_at_most(ratio, 1.12, message, what="importances over the grader's accuracy drops (upper end)")
