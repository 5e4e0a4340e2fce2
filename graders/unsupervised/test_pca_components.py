"""Graders for unsupervised/pca_components: standardise, then the fewest components reaching a variance share."""

import numpy as np
import pytest

from data.latent_factors import make_latent_table
from mlkata import as_int, expect, expect_rejected

SCENARIO = "On 300 rows of 15 columns driven by a few hidden factors, on scales from 0.001 to 10,000"


def count(impl, table, share) -> int:
    k = as_int(impl.components_for_share(table, share), what="components_for_share's result")
    expect(
        1 <= k <= np.shape(table)[1], f"components_for_share returned {k}: it must be from 1 to the number of columns."
    )
    return k


def planted_dim(seed) -> int:
    return 2 + seed % 4


@pytest.fixture(scope="module")
def table(seed):
    return make_latent_table(latent_dim=planted_dim(seed), seed=seed)


@pytest.fixture(scope="module")
def candidate_count(impl, table):
    return count(impl, table, 0.9)


SMALL_TABLE = np.array(
    [
        [0.0, 0.3, -0.18, -1.11],
        [-0.45, -1.22, -0.24, 1.39],
        [-0.49, -0.87, 0.3, 0.75],
        [0.11, -0.88, -0.31, 0.67],
        [-1.34, -1.13, -2.04, -2.81],
        [-1.84, -1.16, -1.34, -0.74],
        [0.16, -0.11, -2.57, -2.55],
        [-0.05, 0.09, -1.5, -1.7],
        [-0.98, -1.3, 0.82, 0.04],
        [-0.03, 0.87, -0.32, -0.58],
    ]
)


def hadamard_table() -> np.ndarray:
    """Four columns whose standardised covariance has eigenvalues 2, 1, 1, 0: shares 0.5, 0.25, 0.25, 0."""
    a = np.array([1.0, -1.0, 1.0, -1.0])
    b = np.array([1.0, 1.0, -1.0, -1.0])
    c = np.array([1.0, -1.0, -1.0, 1.0])
    return np.column_stack([a, 3 * a + 5, 0.01 * b, 100 * c + 7])


@pytest.mark.points(4)
def test_recovers_the_number_of_hidden_factors(candidate_count, seed):
    """With 2 to 5 hidden factors behind the columns, does 90% of the variance take exactly that many components?"""
    # over 80 seeds per number of factors: after standardising, the planted number of components explains
    # 0.95-0.97 of the variance and one fewer at most 0.86; without standardising one component explains 0.9+
    expect(
        candidate_count == planted_dim(seed),
        f"{SCENARIO}, asking for 90% of the variance, you answered {candidate_count}, which is not the number of "
        "hidden factors. Are the columns standardised (not just centred)? Are the eigenvalues taken largest "
        "first (np.linalg.eigvalsh returns them in ascending order)? Is k a count, not a position?",
    )


@pytest.mark.points(2)
def test_units_do_not_matter(impl, table, candidate_count, seed):
    """Does converting columns to other units (and shifting them) leave the answer unchanged?"""
    expect(
        candidate_count == planted_dim(seed),
        f"{SCENARIO}, your answer is not the number of hidden factors before any conversion; an answer that does "
        "not move is credited only when it is right.",
    )
    converted = table.assign(f00=table["f00"] * 1e-3, f03=table["f03"] * 1e5 - 2, f07=(table["f07"] + 40) * 9 / 5)
    expect(
        count(impl, converted, 0.9) == candidate_count,
        f"{SCENARIO}, converting three columns to other units (a factor 1,000 down, 100,000 up, Celsius to "
        "Fahrenheit) changed your answer. Standardise every column before the PCA.",
    )


@pytest.mark.points(3)
def test_exact_shares_on_a_hand_made_table(impl, reference):
    """On a 4 x 4 table whose component shares are exactly 0.5, 0.25, 0.25 and 0, is every count exact?"""
    table = hadamard_table()
    for share in (0.5, 0.75, 0.76, 1.0, 0.3):
        mine, theirs = count(impl, table, share), count(reference, table, share)
        expect(
            mine == theirs,
            f"On a 4 x 4 table where two columns are the same signal in different units and the shares are "
            f"exactly 0.5, 0.25, 0.25 and 0, asking for {share} you answered {mine}. A share reached exactly "
            "counts as reached (compare with >= share - 1e-9); k is the number of components, counted from 1.",
        )
    # cumulative shares 0.492, 0.882, 0.969, 1 (flooring the standardised values would give 0.498, 0.863, 0.967)
    for share in (0.3, 0.495, 0.87, 0.968, 0.99):
        mine, theirs = count(impl, SMALL_TABLE, share), count(reference, SMALL_TABLE, share)
        expect(
            mine == theirs,
            f"On a 10 x 4 table of correlated columns, asking for {share} you answered {mine}, which is not the "
            "smallest k whose shares reach it. Standardise with the exact mean and standard deviation of each "
            "column, and count components from 1.",
        )
    two_rows = np.array([[1.0, 10.0, 3.0], [2.0, -4.0, 3.5]])
    expect(
        count(impl, two_rows, 0.9) == count(reference, two_rows, 0.9),
        "On a table of 2 rows (allowed: at least 2), asking for 0.9 your answer is off: two standardised rows "
        "leave one component with all the variance.",
    )


@pytest.mark.points(1)
def test_bad_input_raises(impl):
    """Are shares outside (0, 1], a constant column, NaN, a single row and 1-d input refused with ValueError?"""
    good = hadamard_table()
    flat = good.copy()
    flat[:, 2] = 4.0
    gap = good.copy()
    gap[1, 1] = np.nan
    cases = {
        "share=0": ((good, 0.0), {}),
        "share=1.2": ((good, 1.2), {}),
        "a constant column": ((flat, 0.9), {}),
        "a column of seven 0.1s": ((np.column_stack([SMALL_TABLE[:7, :2], np.full(7, 0.1)]), 0.9), {}),
        "a NaN": ((gap, 0.9), {}),
        "a single row": ((good[:1], 0.9), {}),
        "a 1-d array": ((good[:, 0], 0.9), {}),
    }
    expect_rejected(impl, "components_for_share", cases)
