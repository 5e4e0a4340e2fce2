"""Regularising a gradient-boosted click model that memorises rare campaign IDs.

An ads platform's click model (scikit-learn's ``HistGradientBoostingClassifier``) reaches a
training AUC above 0.9 but about 0.63 on next week's impressions. The gap sits on the campaign ID:
thousands of campaigns, most seen once or twice, whose clicks the trees learn by heart. Choose the
hyperparameters, and optionally a treatment of the campaign ID, that close the gap without
throwing away the real signal (ad position, the user's recent clicks).

Contract — ``choose_hyperparameters(features, clicks)`` receives the training impressions only
(columns campaign, ad_position, hour, user_clicks_30d, device) and their 0/1 clicks, and returns a
dict whose keys are any of:
- ``HistGradientBoostingClassifier`` parameters: ``learning_rate``, ``max_iter`` (at most 300),
  ``max_leaf_nodes``, ``max_depth``, ``min_samples_leaf``, ``l2_regularization``;
- ``"min_campaign_count"``: campaigns seen fewer times than this in training are merged into one
  bucket before fitting (default 1: no merging);
- ``"drop_features"``: a list of columns to leave out (default none).
Missing keys take scikit-learn's defaults. You may cross-validate on the training data you are given;
you never see the grader's data.

Graded: the grader applies your choice to fresh impressions — merges rare campaigns by their
training counts, drops the columns, fits with ``early_stopping=False`` — and checks, on a fresh
validation week, that the train/validation AUC gap is small and that the validation AUC is as good
as a well-regularised model's (which keeps ad position and the user's recent clicks). Settings the
model refuses, or outside the contract, are an incorrect answer.
"""

import pandas as pd

### BEGIN SOLUTION


def _rare_campaign_threshold(features: pd.DataFrame) -> int:
    """Merge campaigns too rare for their click rate to be estimated (fewer than ~30 impressions)."""
    return 30


### END SOLUTION


def choose_hyperparameters(features: pd.DataFrame, clicks) -> dict:
    """Return the model settings that keep the click model from memorising rare campaigns.

    Args:
        features: training impressions (campaign, ad_position, hour, user_clicks_30d, device).
        clicks: 0/1 clicks, aligned with ``features``.

    Returns:
        A dict of ``HistGradientBoostingClassifier`` parameters, optionally with
        ``"min_campaign_count"`` and ``"drop_features"``.

    Example:
        >>> choose_hyperparameters(features, clicks)  # doctest: +SKIP
        {'max_leaf_nodes': 8, 'min_samples_leaf': 50, ...}
    """
    ### BEGIN SOLUTION
    return {
        "learning_rate": 0.05,
        "max_iter": 150,
        "max_leaf_nodes": 8,
        "min_samples_leaf": 50,
        "l2_regularization": 1.0,
        "min_campaign_count": _rare_campaign_threshold(features),
    }
    ### END SOLUTION
