"""Graders for regularization/feature_ablation: group ablation with repeated cross-validation."""

import numpy as np
import pandas as pd
import pytest

from data.ablation_table import make_ablation_table
from mlkata import as_frame, expect

COLUMNS = ["mean_change", "low", "high", "drop"]
SCENARIO = "On 600 customers with engagement, billing and device features and a one-hot account ID (120 levels)"
_reference_results: dict[int, pd.DataFrame] = {}


def ablation(impl, data, seed) -> pd.DataFrame:
    features, labels, groups = data
    result = as_frame(
        impl.ablate_feature_groups(features, labels, groups, n_splits=3, n_repeats=2, seed=seed % 1000),
        what="ablate_feature_groups's result",
        columns=COLUMNS,
    )
    expect(
        list(result.index) == list(groups),
        "The result should be indexed by group name, in the order of `groups`.",
    )
    return result


@pytest.fixture(scope="module")
def data(seed):
    return make_ablation_table(seed=seed)


@pytest.fixture(scope="module")
def candidate_ablation(impl, data, seed):
    return ablation(impl, data, seed)


@pytest.fixture(scope="module")
def expected(reference, data, seed):
    if seed not in _reference_results:  # the same for every implementation graded on this seed
        _reference_results[seed] = ablation(reference, data, seed)
    return _reference_results[seed]


@pytest.mark.points(3)
def test_exact_figures(candidate_ablation, expected):
    """Are the mean changes and intervals exactly those of the contract's folds, model and formula?"""
    figures = ["mean_change", "low", "high"]
    mine = candidate_ablation[figures].to_numpy(dtype=float)
    expect(
        np.allclose(mine, expected[figures].to_numpy(dtype=float), rtol=0, atol=1e-6),
        f"{SCENARIO}, the figures differ from the contract's: RepeatedStratifiedKFold(n_splits, n_repeats, "
        "random_state=seed), the scaled logistic regression, held-out ROC-AUC, and mean +- 1.96 x sd / sqrt(n) of "
        "the per-fold changes (without minus with the group).",
    )


@pytest.mark.points(3)
def test_memorisable_id_is_dropped(candidate_ablation):
    """Is the one-hot account ID, which the model can only memorise, marked for dropping?"""
    # the reference drops it, and keeps engagement and billing with negative changes, on 200 of 200 seeds
    expect(
        bool(candidate_ablation.loc["account_id", "drop"]),
        f"{SCENARIO}, the account ID group is kept. Removing it should raise held-out AUC: score every model on "
        "the fold it did not see, or memorisation looks like skill.",
    )


@pytest.mark.points(2)
def test_signal_groups_are_kept(candidate_ablation):
    """Are engagement and billing kept, with a loss of AUC when removed?"""
    for name in ("engagement", "billing"):
        expect(
            not bool(candidate_ablation.loc[name, "drop"]) and candidate_ablation.loc[name, "mean_change"] < 0,
            f"{SCENARIO}, the {name} group carries real signal: removing it must lower held-out AUC, and it must "
            "not be dropped.",
        )
