"""Graders for evaluation/imbalanced_report: the figures that expose the accuracy paradox."""

import numpy as np
import pytest

from data.churn_scores import make_churn_scores
from mlkata import as_float, as_mapping, expect, expect_rejected, is_close

KEYS = (
    "accuracy",
    "majority_accuracy",
    "balanced_accuracy",
    "average_precision",
    "recall_at_budget",
    "brier_skill_score",
)
NUDGES = {
    "accuracy": "Churn is predicted when score >= 0.5.",
    "majority_accuracy": (
        "Always predicting the more common class is right on that class's share of customers; the more common "
        "class is not always the stayers."
    ),
    "balanced_accuracy": (
        "It is the mean of two recalls at score >= 0.5: on churners and on stayers. Plain accuracy is the "
        "headline this report exists to question."
    ),
    "average_precision": "Tied scores form one threshold; it is the plain sum of recall steps x precision.",
    "recall_at_budget": (
        "Divide by all churners, not by the budget; and at the boundary the tied group shares the places "
        "left (the expected value), whatever the row order."
    ),
    "brier_skill_score": (
        "Brier uses the probabilities themselves, not 0/1 decisions; and the reference forecast is the "
        "observed churn rate for everyone, not 0.5."
    ),
}
BUDGET = 600


def report(impl, labels, scores, budget):
    result = as_mapping(impl.imbalance_report(labels, scores, review_budget=budget), what="the report", keys=KEYS)
    return {key: as_float(value, what=f"report[{key!r}]") for key, value in result.items()}


@pytest.fixture(scope="module")
def month(seed):
    return make_churn_scores(seed=seed)


@pytest.fixture(scope="module")
def expected(reference, month):
    return report(reference, *month, BUDGET)


@pytest.mark.points(2)
@pytest.mark.parametrize("key", KEYS)
def test_each_figure_on_a_month_of_churn(impl, month, expected, key):
    """On 20,000 customers with about 3% churn, is each figure exact?"""
    got = report(impl, *month, BUDGET)
    expect(
        is_close(got[key], expected[key]),
        f"On 20,000 customers with about 3% churners, scores rounded to 2 decimals and a budget of {BUDGET} "
        f"calls, {key} is wrong. {NUDGES[key]}",
    )


@pytest.mark.points(2)
def test_ties_at_the_budget_boundary(impl, reference):
    """When customers tie at the budget's boundary, do they share the places left?"""
    labels = [1, 0, 1, 0, 0, 1, 0, 0]
    scores = [0.9, 0.6, 0.6, 0.6, 0.6, 0.2, 0.1, 0.1]
    for budget in (0, 1, 3, 5, 8):
        got = report(impl, labels, scores, budget)["recall_at_budget"]
        want = report(reference, labels, scores, budget)["recall_at_budget"]
        expect(
            is_close(got, want),
            f"Eight customers, three churners, four of them tied at the boundary, budget {budget}: "
            "recall_at_budget is wrong. " + NUDGES["recall_at_budget"],
        )


@pytest.mark.points(2)
def test_row_order_changes_nothing(impl, month, seed):
    """Is the report the same whatever the order of the customers?"""
    labels, scores = month
    before = report(impl, labels, scores, BUDGET)
    order = np.random.default_rng(seed).permutation(len(labels))
    after = report(impl, labels[order], scores[order], BUDGET)
    moved = [key for key in KEYS if not is_close(before[key], after[key])]
    expect(not moved, f"Shuffling the customers changed {moved}: no figure may depend on row order (ties included).")
    reversed_scores = report(impl, labels, 1 - scores, BUDGET)
    stuck = [key for key in ("accuracy", "average_precision") if is_close(before[key], reversed_scores[key])]
    expect(
        not stuck,
        f"Turning every score s into 1 - s (the ranking reversed, most customers now above 0.5) left {stuck} "
        "unchanged: each figure should be computed from the scores given.",
    )


@pytest.mark.points(2)
def test_hand_made_cases(impl, reference):
    """On tiny cases where churners are the majority, or a score sits exactly at 0.5, is every figure exact?"""
    cases = {
        "four churners and two stayers (churners are the more common class)": (
            [1, 1, 0, 1, 0, 1],
            [0.9, 0.4, 0.3, 0.8, 0.6, 0.2],
            2,
        ),
        "one churner scored exactly 0.5": ([1, 0, 0, 0, 0], [0.5, 0.1, 0.2, 0.3, 0.45], 1),
    }
    for case, (labels, scores, budget) in cases.items():
        got, want = report(impl, labels, scores, budget), report(reference, labels, scores, budget)
        wrong = [key for key in KEYS if not is_close(got[key], want[key])]
        expect(
            not wrong,
            f"On a tiny case ({case}, budget {budget}), {wrong} are wrong. "
            + " ".join(NUDGES[key] for key in wrong[:2]),
        )


@pytest.mark.points(2)
def test_landmarks(impl, month):
    """Does the base-rate forecast have zero skill, and a perfect model full marks on every figure?"""
    labels, _ = month
    rate = float(np.mean(labels))
    prior = report(impl, labels, np.full(len(labels), rate), BUDGET)
    expect(
        abs(prior["brier_skill_score"]) < 1e-9,
        "Scoring every customer with the observed churn rate must give a Brier skill score of 0: it is the "
        "reference forecast itself. " + NUDGES["brier_skill_score"],
    )
    perfect = report(impl, labels, labels.astype(float), int(labels.sum()))
    ones = ("balanced_accuracy", "average_precision", "recall_at_budget", "brier_skill_score")
    wrong = [key for key in ones if not is_close(perfect[key], 1.0)]
    expect(
        not wrong,
        f"With scores equal to the labels and a budget of exactly the number of churners, {wrong} should be 1.",
    )


@pytest.mark.points(1)
def test_invalid_input_raises(impl):
    """Are misaligned inputs, non-binary labels, a single class and impossible budgets refused with ValueError?"""
    cases = {
        "three labels and two scores": ([0, 1, 0], [0.2, 0.4], 1),
        "three labels and one score": ([0, 1, 0], [0.4], 1),
        "a label of 2": ([0, 1, 2], [0.2, 0.4, 0.9], 1),
        "a budget larger than the customer base": ([0, 1, 0], [0.2, 0.4, 0.9], 4),
        "a negative budget": ([0, 1, 0], [0.2, 0.4, 0.9], -1),
        "no churner at all (one class)": ([0, 0, 0], [0.2, 0.4, 0.9], 1),
        "every customer a churner (one class)": ([1, 1, 1], [0.2, 0.4, 0.9], 1),
    }
    calls = {case: ((labels, scores), {"review_budget": budget}) for case, (labels, scores, budget) in cases.items()}
    expect_rejected(impl, "imbalance_report", calls)
