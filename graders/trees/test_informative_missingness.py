"""Graders for trees/informative_missingness: blanks filled with training means, and kept as indicators."""

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from threadpoolctl import threadpool_limits

from data.credit_applications import COLUMNS, make_credit_applications
from mlkata import expect, expect_arguments_unchanged, expect_at_least, expect_rejected, shared

SCENARIO = (
    "On 2,000 training and 2,000 test applicants (declared_income often blank, months_at_address blank in training "
    "rows only, days_since_login blank in test rows only)"
)
WIDTH_RULE = (
    "The matrices hold the input columns, then one indicator for each column with a blank in the training rows: a "
    "column blank only in test rows gets none, a column blank in training rows keeps its indicator."
)
INCOME = COLUMNS.index("declared_income")
# the grader's model: shallow boosting in which declared income may only lower the risk
MODEL = {"max_depth": 2, "max_iter": 50, "learning_rate": 0.1, "early_stopping": False, "random_state": 0}


def as_matrix(value, *, what: str, rows: int) -> np.ndarray:
    if isinstance(value, pd.DataFrame):
        value = value.to_numpy()
    expect(isinstance(value, np.ndarray), f"{what} should be a 2-D numpy array; it was a {type(value).__name__}.")
    expect(value.ndim == 2, f"{what} should be 2-D (rows by columns); it had shape {value.shape}.")
    expect(
        np.issubdtype(value.dtype, np.number) or value.dtype == bool,
        f"{what} should hold numbers; its dtype was {value.dtype}.",
    )
    expect(
        len(value) == rows,
        f"{what} should have one row per input row; it had {len(value)} rows for {rows}. Never drop a row with a "
        "blank: the applicant still has to be scored, and the blank is the signal.",
    )
    value = value.astype(float)
    expect(
        np.isfinite(value).all(),
        f"{what} holds NaN or infinite values in {int((~np.isfinite(value)).sum())} place(s): the scoring service "
        "takes finite numbers only, so every blank must be filled (test blanks too, whatever the column).",
    )
    return value


def matrices(impl, train: pd.DataFrame, test: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    return checked(impl.prepare_features(train, test), train, test)


def checked(result, train: pd.DataFrame, test: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    expect(
        isinstance(result, tuple | list) and len(result) == 2,
        f"prepare_features should return a pair (train_matrix, test_matrix); it returned a {type(result).__name__}.",
    )
    train_matrix = as_matrix(result[0], what="The training matrix", rows=len(train))
    test_matrix = as_matrix(result[1], what="The test matrix", rows=len(test))
    expect(
        train_matrix.shape[1] == test_matrix.shape[1],
        f"The training matrix has {train_matrix.shape[1]} columns and the test matrix {test_matrix.shape[1]}: a "
        f"model fitted on one cannot score the other. Decide the columns from the training rows alone. {WIDTH_RULE}",
    )
    expect(
        train_matrix.shape[1] >= len(COLUMNS),
        f"The matrices have {train_matrix.shape[1]} columns, fewer than the {len(COLUMNS)} input columns: keep every "
        "input column (filled), in the input order, before any indicator.",
    )
    return train_matrix, test_matrix


@pytest.fixture(scope="module")
def applications(seed):
    return make_credit_applications(seed=seed)


@pytest.fixture(scope="module")
def candidate(impl, applications):
    train, _, test, _ = applications
    return matrices(impl, train, test)


@pytest.fixture(scope="module")
def expected(reference, applications):
    train, _, test, _ = applications
    return matrices(reference, train, test)


def frames(applications) -> tuple[pd.DataFrame, pd.DataFrame]:
    train, _, test, _ = applications
    return train, test


SIDES = ("training", "test")


@pytest.mark.points(1)
def test_rows_stay_in_the_input_order(impl, applications, candidate, seed):
    """With the rows of both sets shuffled (and their index labels with them), are the matrices' rows shuffled alike?"""
    train, test = frames(applications)
    rng = np.random.default_rng(seed)
    train_order, test_order = rng.permutation(len(train)), rng.permutation(len(test))
    shuffled = matrices(impl, train.iloc[train_order], test.iloc[test_order])
    for side, mine, original, order in zip(SIDES, shuffled, candidate, (train_order, test_order), strict=True):
        expect(
            mine.shape == original[order].shape and np.allclose(mine, original[order], rtol=1e-12, atol=0),
            f"{SCENARIO}, shuffling the rows (their index labels travel with them) did not shuffle the rows of the "
            f"{side} matrix the same way. Row i of a matrix is row i of its input, whatever the index says: beware "
            "of pandas aligning on index labels when pieces are put together.",
        )


@pytest.mark.points(1)
def test_observed_values_are_kept(applications, candidate):
    """Does every value an applicant filled in reach the matrices unchanged, in its input column?"""
    for side, frame, matrix in zip(SIDES, frames(applications), candidate, strict=True):
        observed = frame.notna().to_numpy()
        expect(
            np.array_equal(matrix[:, : len(COLUMNS)][observed], frame.to_numpy(dtype=float)[observed]),
            f"{SCENARIO}, the first {len(COLUMNS)} columns of the {side} matrix do not hold the observed values "
            "unchanged, in the input column order. Fill the blanks only: no scaling, no transformation, no "
            "reordering.",
        )


@pytest.mark.points(2)
def test_blanks_get_the_training_mean(applications, candidate, expected):
    """Is every blank, in training and test rows, filled with its column's mean over the observed training values?"""
    for side, frame, mine, theirs in zip(SIDES, frames(applications), candidate, expected, strict=True):
        blank = frame.isna().to_numpy()
        expect(
            np.allclose(mine[:, : len(COLUMNS)][blank], theirs[:, : len(COLUMNS)][blank], rtol=1e-12, atol=0),
            f"{SCENARIO}, some blanks of the {side} rows are not filled with the mean of their column's observed "
            "values in the training rows. Not the median, not zero, not a statistic of the test rows or of both "
            "sets together: the model is trained on what the training rows look like.",
        )


@pytest.mark.points(2)
def test_indicator_columns_follow_the_training_blanks(applications, candidate, expected):
    """Is there one indicator per column with a blank in the training rows, and none for any other column?"""
    train, test = frames(applications)
    width = candidate[0].shape[1]
    nudges = {
        len(COLUMNS): " There is no indicator at all: after mean imputation, a blank looks like an average value.",
        len(COLUMNS) + int((train.isna().any() | test.isna().any()).sum()): (
            " Is a column blank only in the test rows given an indicator the model never saw in training?"
        ),
        2 * len(COLUMNS): " Is every column given an indicator, even those never blank in the training rows?",
    }
    expect(
        width == expected[0].shape[1],
        f"{SCENARIO}, the matrices have the wrong number of indicator columns. {WIDTH_RULE}{nudges.get(width, '')}",
    )


@pytest.mark.points(1)
def test_indicators_mark_the_blanks(candidate, expected):
    """Is each indicator 1.0 exactly where its column was blank, in training and test rows, in the input order?"""
    expect(
        candidate[0].shape[1] == expected[0].shape[1],
        f"{SCENARIO}, the indicators cannot be checked: the number of columns is wrong. {WIDTH_RULE}",
    )
    for side, mine, theirs in zip(SIDES, candidate, expected, strict=True):
        expect(
            np.array_equal(mine[:, len(COLUMNS) :], theirs[:, len(COLUMNS) :]),
            f"{SCENARIO}, the indicator columns of the {side} matrix do not mark the blanks: each should be 1.0 where "
            "its column was blank and 0.0 where it was observed (in test rows too, where a column blank in training "
            "rows may have no blank at all), in the order of the input columns.",
        )


@shared
def mean_imputation_auc(seed: int) -> float:
    """The held-out ROC-AUC of the grader's model on mean imputation alone, without indicators."""
    train, train_defaults, test, test_defaults = make_credit_applications(seed=seed)
    means = train.mean()
    filled_train, filled_test = (frame.fillna(means).to_numpy(dtype=float) for frame in (train, test))
    return held_out_auc(filled_train, train_defaults, filled_test, test_defaults)


def held_out_auc(train_matrix, train_defaults, test_matrix, test_defaults) -> float:
    constraints = np.zeros(train_matrix.shape[1], dtype=int)
    constraints[INCOME] = -1
    with threadpool_limits(limits=1):  # a small model: threads would only contend on a shared machine
        model = HistGradientBoostingClassifier(monotonic_cst=constraints, **MODEL).fit(train_matrix, train_defaults)
        scores = model.predict_proba(test_matrix)[:, 1]
    return float(roc_auc_score(test_defaults, scores))


@pytest.mark.points(3)
def test_the_blank_income_signal_reaches_the_model(applications, candidate, seed):
    """Does a model that may only lower the risk as income rises rank defaulters clearly better on these features
    than on mean imputation alone?"""
    _, train_defaults, _, test_defaults = applications
    gain = held_out_auc(candidate[0], train_defaults, candidate[1], test_defaults) - mean_imputation_auc(seed)
    # over 100 seeds, the held-out ROC-AUC above mean imputation alone: the reference and both alternatives (the same
    # matrices) +0.052 to +0.105; mean imputation without indicators, and indicators built after filling (all zero),
    # exactly 0; median imputation without indicators +0.000 to +0.017
    expect_at_least(
        gain,
        0.035,
        f"{SCENARIO}, a shallow boosted model in which income may only lower the risk ranks held-out defaulters "
        "hardly better on your matrices than on mean imputation alone. Applicants who will default leave the income "
        "blank far more often; a filled blank looks like an ordinary income to a monotone model, so the fact that "
        "it was blank needs a column of its own.",
        what="held-out ROC-AUC above mean imputation alone",
    )


@pytest.mark.points(2)
def test_test_rows_never_shape_the_features(impl, applications, candidate, seed):
    """When the test rows' observed values change, or only some test rows are passed, does every other value stay?"""
    train, _, test, _ = applications
    tripled_train, tripled_test = matrices(impl, train, test * 3)
    blank = test.isna().to_numpy()
    expect(
        tripled_train.shape == candidate[0].shape and np.array_equal(tripled_train, candidate[0]),
        f"{SCENARIO}, tripling the test rows' observed values changed the training matrix. Learn the fill values "
        "(and which columns get an indicator) from the training rows alone.",
    )
    expect(
        tripled_test.shape == candidate[1].shape
        and np.array_equal(tripled_test[:, : len(COLUMNS)][blank], candidate[1][:, : len(COLUMNS)][blank])
        and np.array_equal(tripled_test[:, len(COLUMNS) :], candidate[1][:, len(COLUMNS) :]),
        f"{SCENARIO}, tripling the test rows' observed values changed what their blanks were filled with, or their "
        "indicators. A test blank gets the training mean, whatever the other test rows hold.",
    )
    subset = np.sort(np.random.default_rng(seed).choice(len(test), 40, replace=False))
    _, alone = matrices(impl, train, test.iloc[subset])
    expect(
        alone.shape == candidate[1][subset].shape and np.array_equal(alone, candidate[1][subset]),
        f"{SCENARIO}, preparing 40 of the test applicants on their own gave them other values than preparing them "
        "with the rest. A test row's features must not depend on which other rows are scored with it.",
    )


@pytest.mark.points(1)
def test_caller_frames_are_left_alone(impl, applications):
    """Are the caller's training and test frames unchanged after the call, blanks included?"""
    train, _, test, _ = applications
    checked(expect_arguments_unchanged(impl, "prepare_features", train, test), train, test)


@pytest.mark.points(1)
def test_invalid_inputs_are_refused(impl, applications):
    """Are test columns in another order or under another name, and a training column with no value, refused?"""
    train, _, test, _ = applications
    cases = {
        "test columns in another order": ((train, test[list(reversed(COLUMNS))]), {}),
        "a test column under another name": ((train, test.rename(columns={"age": "age_years"})), {}),
        "a training column blank on every row": ((train.assign(declared_income=np.nan), test), {}),
    }
    expect_rejected(impl, "prepare_features", cases)
