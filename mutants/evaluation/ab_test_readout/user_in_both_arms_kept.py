"""Keeps a user seen in both arms, counted in the arm of their first logged session, instead of refusing the log."""

_reference = read_out  # noqa: F821 - the solution's function


def read_out(log, *, treatment_share=0.5, confidence=0.95, srm_alpha=0.001):
    log = log.copy()
    log["arm"] = log.groupby("user_id")["arm"].transform("first")
    return _reference(log, treatment_share=treatment_share, confidence=confidence, srm_alpha=srm_alpha)
