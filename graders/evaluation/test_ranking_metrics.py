"""Graders for evaluation/ranking_metrics: ROC-AUC and average precision from scratch."""

import numpy as np
import pytest

from data.ranking import make_hard_negatives, make_tied_scores
from mlkata import GradeFailure, as_float, expect, expect_fast, expect_rejected, is_close

METRICS = ("roc_auc", "average_precision")
TIES_NUDGE = {
    "roc_auc": "A positive and a negative with the same score count one half: are ties broken by row order?",
    "average_precision": (
        "Rows with the same score form one threshold and enter together: are ties split by row order? "
        "Is it the plain sum of (recall step x precision), with no trapezoids and no interpolation?"
    ),
}


def metric(impl, name, labels, scores):
    return as_float(getattr(impl, name)(labels, scores), what=f"{name}'s result")


@pytest.fixture(scope="module")
def tied(seed):
    return make_tied_scores(seed=seed)


# cheap tests first: an audit skips the rest of a mutant's tests once one fails, so the slow but correct answers
# are decided by their speed before the hard negatives, whose 20,000 distinct scores take one of them seconds
@pytest.mark.points(1)
@pytest.mark.parametrize("name", METRICS)
def test_undefined_inputs_raise(impl, name):
    """With only one class, no rows at all, or misaligned inputs, does it raise ValueError?"""
    cases = {
        "only negatives (the metric is not defined)": (([0, 0, 0], [0.1, 0.5, 0.9]), {}),
        "only positives (the metric is not defined)": (([1, 1, 1], [0.1, 0.5, 0.9]), {}),
        "empty inputs": (([], []), {}),
        "three labels and two scores": (([0, 1, 1], [0.1, 0.5]), {}),
    }
    expect_rejected(impl, name, cases)


@pytest.mark.points(2)
@pytest.mark.parametrize("name", METRICS)
def test_hand_made_cases(impl, reference, name):
    """On tiny inputs (all tied, ties across classes, labels as bools or floats), is each metric exact?"""
    cases = {
        "every score tied": ([1, 0, 1, 0, 0], [0.4] * 5),
        "positives first, tied with a negative": ([1, 1, 0, 0, 0], [0.9, 0.7, 0.7, 0.2, 0.2]),
        "negatives on top": ([0, 0, 1, 1, 0], [0.9, 0.8, 0.8, 0.3, 0.1]),
    }
    for case, (labels, scores) in cases.items():
        expect(
            is_close(metric(impl, name, labels, scores), metric(reference, name, labels, scores)),
            f"{name} is wrong on a five-row case ({case}). " + TIES_NUDGE[name],
        )
    labels, scores = [1, 1, 0, 1, 0, 0], [0.8, 0.8, 0.8, 0.5, 0.5, 0.1]  # two positives share a score
    for kind, typed in (("booleans", np.array(labels, dtype=bool)), ("floats", np.array(labels, dtype=float))):
        expect(
            is_close(metric(impl, name, typed, scores), metric(reference, name, labels, scores)),
            f"{name} is wrong on six rows, two positives tied with a negative, when the labels come as {kind}. "
            "Labels may be ints, floats or bools: summing booleans with numpy can give a logical OR, not a count.",
        )


SLOW_NUDGES = {
    "roc_auc": "Comparing every positive with every negative is O(n^2); sort once and count with cumulative sums.",
    "average_precision": (
        "A pass over all rows for each distinct score is O(n x distinct scores), and comparing each positive "
        "with every row O(n^2); sort once, then cumulative sums give every threshold's precision at once."
    ),
}


@pytest.mark.points(2)
@pytest.mark.parametrize("name", METRICS)
def test_is_n_log_n(impl, reference, seed, name):
    """On 20,000 rows, does the metric run in about the time of a sort, not of comparing every pair?"""
    labels, scores = make_tied_scores(n=20_000, prevalence=0.5, levels=5000, seed=seed)
    answers = []  # the timed call's answer: a slow answer is not run once more just to check its value
    # measured over 20 seeds (CPU time, these 20,000 rows with 5,000 distinct scores): the reference takes
    # 1.25-1.41 ms for either metric. ROC-AUC: scikit-learn's roc_auc_score 2.6-3.0 times that, a scipy
    # rank-sum version 1.1-1.2 times, blockwise pair counting 59-89 times. Average precision: scikit-learn's
    # average_precision_score 1.5-1.7 times, a pandas groupby version 0.8-1.2 times, one pass over the rows
    # per distinct score 99-113 times, every positive against every row 128-263 times
    try:
        expect_fast(
            lambda: answers.append(getattr(impl, name)(labels, scores)),
            lambda: getattr(reference, name)(labels, scores),
            ratio=20,
            what=f"{name} on 20,000 rows",
            nudge=SLOW_NUDGES[name],
        )
    except GradeFailure as failure:
        too_slow = failure
    else:
        too_slow = None
    # a call cut short for taking over three times the allowed time returned nothing to check: it is too slow
    if answers:
        expect(
            is_close(as_float(answers[0], what=f"{name}'s result"), metric(reference, name, labels, scores)),
            f"On 20,000 rows with 5,000 distinct scores, {name} differs from its definition beyond 1e-9, so its "
            "speed is not graded. " + TIES_NUDGE[name],
        )
    if too_slow is not None:
        raise too_slow


@pytest.mark.points(3)
@pytest.mark.parametrize("name", METRICS)
def test_matches_the_definition_on_tied_scores(impl, reference, tied, name):
    """On 3,000 rows whose scores take 25 values, does the metric follow its definition exactly?"""
    labels, scores = tied
    expect(
        is_close(metric(impl, name, labels, scores), metric(reference, name, labels, scores)),
        f"On 3,000 rows with 30% positives and scores rounded to 25 distinct values (so nearly every "
        f"score is shared by positives and negatives), {name} differs from its definition beyond 1e-9. "
        + TIES_NUDGE[name],
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("name", METRICS)
def test_order_and_monotone_transform_change_nothing(impl, tied, seed, name):
    """Are the metrics unchanged when rows are shuffled and scores pass through a strictly increasing map?"""
    labels, scores = tied
    before = metric(impl, name, labels, scores)
    order = np.random.default_rng(seed).permutation(len(labels))
    expect(
        is_close(metric(impl, name, labels[order], scores[order]), before),
        f"Shuffling the rows changed {name}: with tied scores, the row order must not decide anything.",
    )
    expect(
        is_close(metric(impl, name, labels, np.exp(3 * scores) - 7), before),
        f"Replacing every score s with exp(3s) - 7 (same ranking, ties kept) changed {name}: "
        "only the order of the scores may matter, not their values.",
    )
    # positives score higher here (ROC-AUC about 0.75): reversing the ranking must move any real metric
    expect(
        not is_close(metric(impl, name, labels, -scores), before),
        f"Reversing the ranking (every score s replaced by -s) left {name} where it was: the metric should "
        "measure how the scores rank the positives, not come out the same whatever the scores.",
    )


@pytest.mark.points(2)
def test_hard_negatives_separate_the_metrics(impl, reference, seed):
    """When 3% of negatives score like the positives, is ROC-AUC high and average precision low, as defined?"""
    labels, scores = make_hard_negatives(seed=seed)
    for name in METRICS:
        expect(
            is_close(metric(impl, name, labels, scores), metric(reference, name, labels, scores)),
            f"On 20,000 transactions with 0.5% fraud, where 3% of legitimate ones score like fraud, {name} "
            "differs from its definition beyond 1e-9. Here ROC-AUC stays near 1 while average precision is "
            "poor: the top of the ranking is mostly false alarms. Are the two metrics mixed up?",
        )
