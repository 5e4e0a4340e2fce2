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
Spend the budget: a budget met exactly is allowed, and more trees of the same depth never rank
worse on average, so leave no room for one more tree of the chosen depth
(``(n_estimators + 1) * max_depth > budget``). Everything else keeps scikit-learn's defaults, except
``max_features=None``. Compare shapes on rows held out from the ones you are given (a validation
split, cross-validation or the out-of-bag score), never on the rows a forest was fitted on (deep
trees fit their own rows best); you never see the rows the grader scores.

Graded: the grader fits ``RandomForestClassifier(max_features=None, random_state=0, **your_choice)``
on fresh rows from the same source (2,000 rows, an interaction of two features, a fifth of the
labels flipped; your training rows are as many) and checks that, with a budget of 48, its ROC-AUC
on a large fresh validation set (averaged over two refits) is close to that of the best shape
within the budget; that the budget is spent; and that a second budget of 5, where no depth but 1
and 5 divides it, is kept and spent too, as is a budget of 1 (these two credited only for a shape
that ranks well). A second source, whose label is an interaction of three features (a tenth of the
labels flipped), is graded the same way with a budget of 48, averaged over six refits: there shallow
trees cannot express the label, so no single depth suits both sources.
"""

import numpy as np

### BEGIN SOLUTION
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

DEPTHS = range(2, 11, 2)


def _held_out_auc(X: np.ndarray, y: np.ndarray, shape: dict, folds: list) -> float:
    scores = []
    for train, test in folds:
        forest = RandomForestClassifier(max_features=None, random_state=0, **shape).fit(X[train], y[train])
        scores.append(roc_auc_score(y[test], forest.predict_proba(X[test])[:, 1]))
    return float(np.mean(scores))


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
        >>> choose_forest(X, y, budget=48)  # doctest: +SKIP
        {'n_estimators': 12, 'max_depth': 4}
    """
    ### BEGIN SOLUTION
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    folds = list(StratifiedKFold(n_splits=3, shuffle=True, random_state=0).split(X, y))
    shapes = [{"n_estimators": budget // depth, "max_depth": depth} for depth in DEPTHS if depth <= budget]
    if not shapes:  # a budget below the smallest depth of the grid: one tree as deep as it allows
        shapes = [{"n_estimators": 1, "max_depth": budget}]
    scores = [_held_out_auc(X, y, shape, folds) for shape in shapes]
    return shapes[int(np.argmax(scores))]
    ### END SOLUTION
