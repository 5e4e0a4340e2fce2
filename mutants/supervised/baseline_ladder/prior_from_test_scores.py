"""Takes the prior as the mean predicted churn over the test rows, which depends on the test set."""

import numpy as np

_reference = baseline_ladder  # noqa: F821 - the solution's function


def baseline_ladder(train, test_features):
    scores = _reference(train, test_features)
    scores["prior"] = np.full(len(test_features), float(np.mean(scores["logistic"])))
    return scores
