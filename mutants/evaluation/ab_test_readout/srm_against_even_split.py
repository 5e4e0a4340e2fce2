"""Checks the split against 50/50 whatever split was planned."""

from scipy import stats

_reference = read_out  # noqa: F821 - the solution's function


def read_out(log, *, treatment_share=0.5, confidence=0.95, srm_alpha=0.001):
    users = log.groupby("arm")["user_id"].nunique()
    if 0 < srm_alpha <= 1 and stats.chisquare(users.to_numpy()).pvalue < srm_alpha:
        raise ValueError("sample ratio mismatch")
    result = _reference(
        log,
        treatment_share=treatment_share,
        confidence=confidence,
        srm_alpha=1e-300 if 0 < srm_alpha <= 1 else srm_alpha,
    )
    return result
