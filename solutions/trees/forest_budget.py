"""A random forest under an inference budget: how many trees, how deep.

A payments company scores every card authorisation with a random forest (scikit-learn's
``RandomForestClassifier`` with ``max_features=None``: every split may use every feature, and the
bootstrap samples make the trees differ), inside a hard latency limit. A prediction walks from the
root to a leaf in every tree, one comparison per level, so the team caps the comparisons a single
prediction can need: ``n_estimators * max_depth <= budget``. Within that cap, many shallow trees
and a few deep ones are both allowed; choose the shape that ranks new authorisations best (the
highest ROC-AUC of the forest's probabilities), from the training rows alone.

Contract — ``choose_forest(X, y, *, budget)`` receives the training rows (``X`` a float array of
shape ``(n, d)``, ``y`` 0/1 labels) and the budget (an int >= 1), and returns a dict with:
- ``"n_estimators"`` and ``"max_depth"``: ints >= 1 with ``n_estimators * max_depth <= budget``
  (both required: a forest with no depth limit has no bound on its cost);
- optionally ``"min_samples_leaf"`` (an int >= 1).
Everything else keeps scikit-learn's defaults, except ``max_features=None``. Compare shapes on
rows held out from the ones you are given (a validation split, cross-validation or the out-of-bag
score); you never see the rows the grader scores.

Graded: the grader fits ``RandomForestClassifier(max_features=None, random_state=0, **your_choice)``
on fresh rows from the same source and checks that the fitted forest keeps to the budget (and that
a second, smaller budget is kept too) and that its ROC-AUC on a large fresh validation set is
close to that of a well-chosen shape within the same budget.
"""

import numpy as np

### BEGIN SOLUTION
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

DEPTHS = (2, 4, 6, 8)

### END SOLUTION


def choose_forest(X: np.ndarray, y: np.ndarray, *, budget: int) -> dict:
    """Return the forest shape that ranks best within ``n_estimators * max_depth <= budget``.

    Args:
        X: the training features, a float array of shape ``(n, d)``.
        y: 0/1 labels, one per row.
        budget: the most comparisons one prediction may need (an int >= 1).

    Returns:
        A dict with ``"n_estimators"`` and ``"max_depth"``, optionally ``"min_samples_leaf"``.

    Example:
        >>> choose_forest(X, y, budget=24)  # doctest: +SKIP
        {'n_estimators': 4, 'max_depth': 6}
    """
    ### BEGIN SOLUTION
    fit_X, held_X, fit_y, held_y = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    best_score, best = -1.0, None
    for depth in [d for d in DEPTHS if d <= budget] or [budget]:
        shape = {"n_estimators": budget // depth, "max_depth": depth}
        forest = RandomForestClassifier(max_features=None, random_state=0, **shape).fit(fit_X, fit_y)
        score = roc_auc_score(held_y, forest.predict_proba(held_X)[:, 1])
        if score > best_score:
            best_score, best = score, shape
    return best
    ### END SOLUTION
