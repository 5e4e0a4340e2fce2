"""Feature-group ablation under repeated cross-validation: which groups earn their place?

A churn model's feature table has grown by accretion: engagement metrics, billing, device data and,
added by an eager colleague, a one-hot encoding of the account ID. Drop each group in turn, measure
what the model loses (or gains) on held-out folds, with an interval, and say which groups to drop.

Contract — ``ablate_feature_groups(features, labels, groups, *, n_splits=3, n_repeats=2, seed=0)``:
- ``groups`` maps a group name to its list of columns (every column belongs to one group).
- Folds: ``RepeatedStratifiedKFold(n_splits=n_splits, n_repeats=n_repeats, random_state=seed)``
  from scikit-learn, iterated in order.
- Model: ``make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))``, fitted on
  each fold's training part; score: ROC-AUC on the fold's held-out part.
- For each group and each fold: change = AUC of the model without the group's columns - AUC of the
  model with all columns, both on the same fold.
- Per group: ``mean_change`` = mean of its changes; ``low``/``high`` = mean_change -/+ 1.96 x the
  standard deviation of its changes (``ddof=1``) / sqrt(number of changes); ``drop`` is True when
  ``low > 0`` (removing the group helps, beyond the noise).
- Return a DataFrame indexed by group name (in the order of ``groups``) with columns
  ``mean_change``, ``low``, ``high`` and ``drop``.

Graded: exact figures (to 1e-6) for the contract above; the memorisable account-ID group is
dropped; the groups that carry signal are kept and lose AUC when removed; ``drop`` follows its rule
on every group, including one whose removal changes nothing (``low`` exactly 0) and noise whose
mean change is positive but whose interval reaches below zero.
"""

import numpy as np
import pandas as pd

### BEGIN SOLUTION
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def _fold_auc(features: pd.DataFrame, labels: np.ndarray, train: np.ndarray, held_out: np.ndarray) -> float:
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))
    model.fit(features.iloc[train], labels[train])
    return roc_auc_score(labels[held_out], model.predict_proba(features.iloc[held_out])[:, 1])


### END SOLUTION


def ablate_feature_groups(features: pd.DataFrame, labels, groups: dict, *, n_splits=3, n_repeats=2, seed=0):
    """Return, per feature group, the change in held-out AUC when the group is removed.

    Args:
        features: the feature table.
        labels: 0/1 labels.
        groups: group name -> list of column names.
        n_splits, n_repeats, seed: the repeated stratified K-fold scheme.

    Returns:
        A DataFrame indexed by group with ``mean_change``, ``low``, ``high`` and ``drop``.

    Example:
        >>> ablate_feature_groups(features, labels, {"a": ["x"], "b": ["y", "z"]})  # doctest: +SKIP
              mean_change       low      high   drop
        a       -0.120...
    """
    ### BEGIN SOLUTION
    labels = np.asarray(labels)
    folds = RepeatedStratifiedKFold(n_splits=n_splits, n_repeats=n_repeats, random_state=seed)
    changes = {name: [] for name in groups}
    for train, held_out in folds.split(features, labels):
        full = _fold_auc(features, labels, train, held_out)
        for name, columns in groups.items():
            changes[name].append(_fold_auc(features.drop(columns=columns), labels, train, held_out) - full)
    rows = {}
    for name, values in changes.items():
        mean, half = np.mean(values), 1.96 * np.std(values, ddof=1) / np.sqrt(len(values))
        rows[name] = {"mean_change": mean, "low": mean - half, "high": mean + half, "drop": mean - half > 0}
    return pd.DataFrame.from_dict(rows, orient="index")
    ### END SOLUTION
