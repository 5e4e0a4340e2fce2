"""Graders for evaluation/calibrate_scores: a calibration map, and calibration error with quantile bins."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from data.risk_scores import make_overconfident_scores
from mlkata import as_array, as_float, expect, expect_at_most, expect_rejected, is_close

BINS_NUDGE = (
    "The edges are the quantiles at 0, 1/n_bins, ..., 1; a probability belongs to the bin (lower edge, upper "
    "edge], the first bin also taking the minimum, so tied probabilities share a bin; each bin's gap "
    "|mean label - mean probability| is weighted by its share of the rows."
)
SCENARIO = "On 5,000 held-out applicants of an overconfident default model"


def ece(impl, labels, probabilities, n_bins=10):
    value = impl.calibration_error(labels, probabilities, n_bins=n_bins)
    return as_float(value, what="calibration_error's result")


def calibrated(impl, scored, test_scores):
    result = impl.calibrate_scores(scored, test_scores)
    return as_array(result, what="calibrate_scores's result", length=len(test_scores))


def expect_a_calibration(probabilities, scores):
    """Fail an answer that hands back the raw scores, or one probability for everyone."""
    expect(
        not np.allclose(probabilities, scores, rtol=0, atol=1e-6),
        f"{SCENARIO}, calibrate_scores returned the model's scores unchanged: they are the overconfident "
        "probabilities to be corrected.",
    )
    expect(
        np.ptp(probabilities) > 0,
        f"{SCENARIO}, calibrate_scores gave every applicant the same probability: that is calibrated on average "
        "but tells no applicant from another. Map each score through a monotone function fitted on the "
        "calibration rows.",
    )


@pytest.fixture(scope="module")
def risk(seed):
    return make_overconfident_scores(seed=seed)


@pytest.fixture(scope="module")
def candidate_probabilities(impl, risk):
    scored, test_scores, _ = risk
    return calibrated(impl, scored, test_scores)


@pytest.mark.points(3)
@pytest.mark.parametrize("decimals", [None, 1], ids=["continuous", "tied"])
def test_calibration_error_exact(impl, reference, risk, decimals):
    """Is the calibration error exact, with continuous probabilities and with heavily tied ones?"""
    _, scores, labels = risk
    probabilities = scores if decimals is None else np.round(scores, decimals)
    for n_bins in (10, 7):
        expect(
            is_close(ece(impl, labels, probabilities, n_bins), ece(reference, labels, probabilities, n_bins)),
            f"{SCENARIO}, with {'probabilities rounded to 1 decimal' if decimals else 'continuous probabilities'} "
            f"and n_bins={n_bins}, calibration_error is wrong. {BINS_NUDGE}",
        )


@pytest.mark.points(2)
def test_calibration_error_hand_made(impl, reference):
    """On small cases with ties at the bin edges, is the calibration error exact?"""
    cases = {
        "four rows, two bins": ([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.8], 2),
        "a tie across a quantile edge": ([0, 1, 0, 1, 1, 0], [0.2, 0.4, 0.4, 0.4, 0.9, 0.1], 3),
        "every probability equal": ([0, 1, 1, 0, 1], [0.3] * 5, 4),
        "rare positives near 0": ([0] * 9 + [1], [0.01, 0.02, 0.02, 0.03, 0.05, 0.05, 0.08, 0.1, 0.2, 0.6], 5),
        "a single bin": ([0, 1, 1, 0, 0], [0.1, 0.9, 0.4, 0.3, 0.2], 1),
    }
    for case, (labels, probabilities, n_bins) in cases.items():
        expect(
            is_close(ece(impl, labels, probabilities, n_bins), ece(reference, labels, probabilities, n_bins)),
            f"calibration_error is wrong on a small case ({case}, n_bins={n_bins}). {BINS_NUDGE}",
        )


@pytest.mark.points(3)
def test_improves_the_brier_score(impl, risk, candidate_probabilities):
    """On held-out applicants, do the calibrated probabilities cut the Brier score as a correct calibration does?"""
    _, scores, labels = risk
    ratio = np.mean((candidate_probabilities - labels) ** 2) / np.mean((scores - labels) ** 2)
    # over 200 seeds: isotonic 0.871-0.914 of the raw Brier score, Platt 0.869-0.907; fitting on the
    # training rows 1.065-1.206, on all rows 0.937-0.996
    expect_at_most(
        ratio,
        0.94,
        f"{SCENARIO}, your calibrated probabilities do not improve the Brier score enough (or make it worse). "
        "Fit the map on the calibration rows only: the model has memorised its training rows, so their scores "
        "are not representative of new applicants.",
        what="Brier score over the raw scores'",
    )


@pytest.mark.points(3)
def test_improves_the_calibration_error(impl, reference, risk, candidate_probabilities):
    """On held-out applicants, is the calibration error of the calibrated probabilities small?"""
    _, scores, labels = risk
    expect_a_calibration(candidate_probabilities, scores)
    error = ece(reference, labels, candidate_probabilities)
    # over 200 seeds: isotonic 0.007-0.037, Platt 0.007-0.030; raw scores 0.114-0.146, fitting on all rows
    # 0.075-0.110, on the training rows 0.138-0.189
    expect_at_most(
        error,
        0.06,
        f"{SCENARIO}, your calibrated probabilities are still far from the observed default rates. Use only "
        "the rows whose split is 'calibration' to fit the map; rows the model was trained on teach it the "
        "wrong correction.",
        what="calibration error of the calibrated probabilities",
    )


@pytest.mark.points(2)
def test_monotone_and_within_zero_one(impl, risk, candidate_probabilities):
    """Does a higher score never get a lower probability, over the whole range, with values in [0, 1]?"""
    scored, scores, _ = risk
    expect_a_calibration(candidate_probabilities, scores)
    expect(
        candidate_probabilities.min() >= 0 and candidate_probabilities.max() <= 1,
        f"{SCENARIO}, some calibrated probabilities fall outside [0, 1].",
    )
    grid = np.r_[0.0, np.sort(scores), np.linspace(0, 1, 201), 1.0]
    grid.sort()
    mapped = calibrated(impl, scored, grid)
    expect(
        np.all(np.diff(mapped) >= -1e-12),
        f"{SCENARIO}, a higher score got a lower calibrated probability somewhere between 0 and 1. The map "
        "must be monotone non-decreasing: per-bin default rates jump up and down with noise; isotonic "
        "regression pools them, Platt scaling is monotone by construction.",
    )


@pytest.mark.points(1)
def test_keeps_the_ranking(risk, candidate_probabilities):
    """Does calibration keep the model's ranking (ROC-AUC about unchanged)?"""
    _, scores, labels = risk
    expect_a_calibration(candidate_probabilities, scores)
    drop = roc_auc_score(labels, scores) - roc_auc_score(labels, candidate_probabilities)
    # over 200 seeds: isotonic's steps cost 0.000-0.007, Platt nothing
    expect_at_most(
        drop,
        0.015,
        f"{SCENARIO}, calibration lowered ROC-AUC noticeably. A monotone map keeps the order of the scores.",
        what="ROC-AUC lost by calibration",
    )


@pytest.mark.points(1)
def test_calibration_error_rejects_bad_input(impl):
    """Are misaligned inputs, empty inputs and n_bins < 1 refused with ValueError?"""
    cases = {
        "three labels and two probabilities": (([0, 1, 1], [0.2, 0.4]), {}),
        "three labels and no probabilities": (([0, 1, 1], []), {}),
        "empty inputs": (([], []), {}),
        "n_bins=0": (([0, 1], [0.2, 0.4]), {"n_bins": 0}),
    }
    expect_rejected(impl, "calibration_error", cases)
