"""Flags the four columns with the strongest single-feature AUC, so a legitimately strong feature is caught."""

from sklearn.metrics import roc_auc_score

_reference = find_leaks  # noqa: F821 - the solution's function


def find_leaks(train, labels, test, available_after, *, auc_threshold=0.95, tolerance=1e-6):
    result = _reference(train, labels, test, available_after, auc_threshold=auc_threshold, tolerance=tolerance)
    strength = {c: abs(roc_auc_score(labels, train[c]) - 0.5) for c in train.columns}
    result["features"] = sorted(sorted(strength, key=strength.get, reverse=True)[:4])
    return result
