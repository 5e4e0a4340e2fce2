"""A baseline ladder for a churn model: the prior, a rule of thumb, then a regularised model.

Before anyone builds a gradient-boosted churn model, the team wants to know what it has to beat.
Score the test customers three ways, each trained on the training table only:

1. ``"prior"``: the training base rate for everyone — what you know with no features at all;
2. ``"heuristic"``: a rule of thumb of your choice on tenure and recent activity (for example one
   point for a young account, one for few sessions): any score where higher means riskier, that
   never falls when a customer has more support tickets, a younger account or less recent activity;
3. ``"logistic"``: a regularised logistic regression on all the features, in a scikit-learn
   pipeline that standardises them first (their scales differ by three orders of magnitude).

Contract — ``baseline_ladder(train, test_features)``:
- ``train`` holds the feature columns and ``churned`` (0/1); ``test_features`` holds the same
  feature columns, and no label. Columns: tenure_days, sessions_28d, minutes_28d, monthly_price,
  support_tickets, devices.
- Return a dict with keys ``"prior"``, ``"heuristic"`` and ``"logistic"``, each a float array of
  one score per test row, in the test rows' order.
- Everything is fitted on ``train`` only. A test row's score must not depend on which other rows
  are in the test set: scoring a subset of the test rows gives those rows the same scores.

Graded (with held-out test labels the function never sees): the prior is constant and equal to
the training base rate; the heuristic ranks churners clearly better than chance and never scores a
customer lower for more tickets, a younger account or fewer sessions and minutes; the logistic model
reaches an average precision several times the base rate, and its scores do not move when minutes
are given in hours and tenure in weeks; each test row's score is the same when scored alone with a
few other rows (drawn at random, or the longest-standing customers).
"""

import numpy as np
import pandas as pd


def baseline_ladder(train: pd.DataFrame, test_features: pd.DataFrame) -> dict:
    """Return the prior, heuristic and logistic-regression scores of the test rows.

    Args:
        train: feature columns and ``churned``.
        test_features: the same feature columns, no label.

    Returns:
        ``{"prior": array, "heuristic": array, "logistic": array}``, one score per test row each.

    Example:
        >>> scores = baseline_ladder(train, test_features)  # doctest: +SKIP
        >>> scores["prior"][:3]  # doctest: +SKIP
        array([0.12, 0.12, 0.12])
    """
    # TODO: write baseline_ladder as its docstring describes.
    raise NotImplementedError("baseline_ladder is not written yet")
