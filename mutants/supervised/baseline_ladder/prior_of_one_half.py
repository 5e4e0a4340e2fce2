"""Uses 0.5 as the prior, as if churners and stayers were equally common."""

import numpy as np

_reference = baseline_ladder  # noqa: F821 - the solution's function


def baseline_ladder(train, test_features):
    scores = _reference(train, test_features)
    scores["prior"] = np.full(len(test_features), 0.5)
    return scores
