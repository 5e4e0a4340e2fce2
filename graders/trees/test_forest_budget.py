"""Graders for trees/forest_budget: the grader refits the candidate's forest shape on rows it never saw."""

import json

import numpy as np
import pytest
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

from data.tree_tables import make_interaction_table
from mlkata import expect

BUDGET, SMALL_BUDGET = 24, 5
KEYS = {"n_estimators", "max_depth", "min_samples_leaf"}
SCENARIO = (
    f"With a budget of {BUDGET} comparisons, refitted on 1,000 fresh rows (an interaction of two features, 10% of "
    "labels flipped) and scored on 4,000 fresh rows"
)
_refits: dict[str, float] = {}  # one refit per (seed, choice): targets that agree share it
_reference_choices: dict[int, dict] = {}  # the reference's choice per seed, made once for every target


def whole(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def validated_choice(choice, budget: int) -> dict:
    expect(isinstance(choice, dict), f"choose_forest should return a dict; it returned {type(choice).__name__}.")
    unknown = set(choice) - KEYS
    expect(not unknown, f"choose_forest returned keys the contract does not know: {sorted(map(str, unknown))}.")
    trees, depth = choice.get("n_estimators"), choice.get("max_depth")
    expect(
        whole(trees) and trees >= 1 and whole(depth) and depth >= 1,
        f"With a budget of {budget}, choose_forest must give n_estimators and max_depth as ints >= 1; a forest "
        "with no depth limit has no bound on its cost.",
    )
    expect(
        trees * depth <= budget,
        f"With a budget of {budget} comparisons, your forest needs up to {trees * depth} "
        f"({trees} trees of depth {depth}). The cost of one prediction is n_estimators * max_depth.",
    )
    leaf = choice.get("min_samples_leaf", 1)
    expect(whole(leaf) and leaf >= 1, "min_samples_leaf should be an int >= 1.")
    return {key: (value.item() if isinstance(value, np.generic) else value) for key, value in choice.items()}


def refit(choice: dict, seed: int) -> float:
    """Validation ROC-AUC of the choice refitted on the grader's rows."""
    key = json.dumps([seed, choice], sort_keys=True, default=str)
    if key not in _refits:
        X, y = make_interaction_table(seed=seed)
        X_valid, y_valid = make_interaction_table(n=4000, seed=seed + 1)
        forest = RandomForestClassifier(max_features=None, random_state=0, **choice).fit(X, y)
        _refits[key] = roc_auc_score(y_valid, forest.predict_proba(X_valid)[:, 1])
    return _refits[key]


@pytest.fixture(scope="module")
def training_rows(seed):
    return make_interaction_table(seed=seed + 2)  # the candidate's own training rows


@pytest.fixture(scope="module")
def candidate_fit(impl, training_rows, seed):
    return refit(validated_choice(impl.choose_forest(*training_rows, budget=BUDGET), BUDGET), seed)


@pytest.fixture(scope="module")
def reference_fit(reference, training_rows, seed):
    if seed not in _reference_choices:
        _reference_choices[seed] = validated_choice(reference.choose_forest(*training_rows, budget=BUDGET), BUDGET)
    return refit(_reference_choices[seed], seed)


@pytest.mark.points(2)
def test_keeps_to_the_budget(impl, training_rows, candidate_fit):
    """Does the forest keep to the budget (checked when it is refitted), and to a second, smaller budget?"""
    validated_choice(impl.choose_forest(*training_rows, budget=SMALL_BUDGET), SMALL_BUDGET)


@pytest.mark.points(3)
def test_auc_close_to_a_well_chosen_shape(candidate_fit, reference_fit):
    """Within the budget, does the chosen shape rank new rows about as well as a well-chosen one?"""
    auc = candidate_fit
    # over 40 seeds, the reference's validation ROC-AUC minus the candidate's: out-of-bag selection -0.012 to
    # 0.007; one deep tree 0.067-0.139; a forest of stumps 0.167-0.298
    expect(
        auc >= reference_fit - 0.05,
        f"{SCENARIO}, your forest's ROC-AUC is clearly below that of a well-chosen shape with the same budget. "
        "A forest of stumps cannot express interactions; one deep tree has nothing to average its noise with. "
        "Compare several depths, each with as many trees as the budget allows, on held-out rows.",
    )
