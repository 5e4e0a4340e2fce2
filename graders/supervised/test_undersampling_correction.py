"""Graders for supervised/undersampling_correction: prior correction on the odds, and calibration in the large."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from data.undersampled import make_undersampled_scores
from mlkata import as_array, as_float, expect, expect_rejected, is_close

RATES = {"sample_rate": 0.5, "population_rate": 0.028}
SCENARIO = "On 20,000 customers scored by a model trained on a 50/50 sample, where about 3% really churn"
ODDS = (
    "Multiply the odds s / (1 - s) by (population odds) / (sample odds), then turn the odds back into a "
    "probability: odds / (1 + odds)."
)


def corrected(impl, scores, **rates):
    return as_array(impl.correct_prior(scores, **rates), what="correct_prior's result", length=len(scores))


@pytest.fixture(scope="module")
def data(seed):
    return make_undersampled_scores(seed=seed)


@pytest.fixture(scope="module")
def candidate_probabilities(impl, data):
    scores, _ = data
    return corrected(impl, scores, **RATES)


@pytest.mark.points(3)
def test_corrected_probabilities(reference, data, candidate_probabilities):
    """Are the corrected probabilities exact?"""
    scores, _ = data
    expect(
        np.allclose(candidate_probabilities, corrected(reference, scores, **RATES), rtol=1e-9, atol=1e-12),
        f"{SCENARIO}, the corrected probabilities are wrong. {ODDS}",
    )


@pytest.mark.points(3)
def test_order_kept_and_mean_at_the_churn_rate(data, candidate_probabilities):
    """Does the correction keep the order of the customers, and bring the mean probability to the churn rate?"""
    scores, labels = data
    expect(
        is_close(roc_auc_score(labels, candidate_probabilities), roc_auc_score(labels, scores), tol=1e-9),
        f"{SCENARIO}, the correction changed the ranking (ROC-AUC moved). It must be a strictly increasing map.",
    )
    gap = abs(candidate_probabilities.mean() - labels.mean())
    # over 200 seeds the reference's gap was at most 0.0033; uncorrected scores are about 0.3 off
    expect(
        gap <= 0.01,
        f"{SCENARIO}, the corrected probabilities average far from the observed churn rate. Did the correction go "
        "the wrong way (the sample's odds over the population's)?",
    )


@pytest.mark.points(2)
def test_brier_improves_several_times(data, candidate_probabilities):
    """Is the Brier score on real customers several times better after the correction, and better than
    forecasting the churn rate for everyone?"""
    scores, labels = data
    brier = np.mean((candidate_probabilities - labels) ** 2)
    ratio = brier / np.mean((scores - labels) ** 2)
    # over 200 seeds the reference's ratio was 0.141-0.174 (rescaling by the mean, 0.154-0.191, fails the exact test)
    expect(
        ratio <= 0.3,
        f"{SCENARIO}, the Brier score barely improves after your correction. {ODDS}",
    )
    # over 200 seeds, against the Brier score of the population rate forecast for everyone: the reference
    # 0.850-0.904, rescaling by the mean 0.949-0.958, that constant forecast itself 1.0
    expect(
        brier <= 0.95 * np.mean((RATES["population_rate"] - labels) ** 2),
        f"{SCENARIO}, your probabilities forecast no better than giving every customer the churn rate. The "
        f"correction keeps each customer's own risk: {ODDS}",
    )


@pytest.mark.points(2)
def test_landmark_cases(impl):
    """Do equal rates leave scores alone, do 0 and 1 stay 0 and 1, and do the others fall for a rarer population?"""
    scores = np.array([0.0, 0.1, 0.5, 0.9, 1.0])
    same = corrected(impl, scores, sample_rate=0.3, population_rate=0.3)
    expect(
        np.allclose(same, scores, atol=1e-12),
        "When the sample's base rate equals the population's, there is nothing to correct: the scores must come "
        "back unchanged.",
    )
    ends = corrected(impl, scores, sample_rate=0.5, population_rate=0.05)
    expect(
        ends[0] == 0 and ends[-1] == 1 and np.all(np.diff(ends) > 0),
        "Scores of 0 and 1 must stay 0 and 1, and the corrected scores must keep their order.",
    )
    expect(
        np.all(ends[1:-1] < scores[1:-1]),
        "From a 50/50 sample to a population where 5% are positive, the scores 0.1, 0.5 and 0.9 must all fall: "
        "positives are rarer than the model was trained to expect.",
    )


@pytest.mark.points(2)
def test_calibration_in_the_large(impl, reference, data, candidate_probabilities):
    """Is the calibration gap exact, positive when the model over-forecasts?"""
    scores, labels = data
    cases = (
        ("the raw scores (which over-forecast)", scores),
        ("the corrected probabilities", candidate_probabilities),
        ("probabilities a fifth of the corrected ones (which under-forecast)", candidate_probabilities / 5),
    )
    for name, probabilities in cases:
        mine = as_float(impl.calibration_in_the_large(labels, probabilities), what="calibration_in_the_large")
        theirs = as_float(reference.calibration_in_the_large(labels, probabilities), what="the gap")
        expect(
            is_close(mine, theirs),
            f"{SCENARIO}, calibration_in_the_large is wrong for {name}: it is the mean probability minus the "
            "observed rate, positive when the model over-forecasts.",
        )


@pytest.mark.points(1)
def test_impossible_rates_raise(impl):
    """Are base rates of 0 or less, or 1 or more, refused with ValueError?"""
    cases = {
        "population_rate=0": (([0.4],), {"sample_rate": 0.5, "population_rate": 0.0}),
        "population_rate=1": (([0.4],), {"sample_rate": 0.5, "population_rate": 1.0}),
        "population_rate=1.5": (([0.4],), {"sample_rate": 0.5, "population_rate": 1.5}),
        "sample_rate=0": (([0.4],), {"sample_rate": 0.0, "population_rate": 0.1}),
        "sample_rate=1": (([0.4],), {"sample_rate": 1.0, "population_rate": 0.1}),
        "sample_rate=-0.2": (([0.4],), {"sample_rate": -0.2, "population_rate": 0.1}),
    }
    expect_rejected(impl, "correct_prior", cases)
