"""Reports a one-sided p-value, P(Z > |difference| / se), half the two-sided one."""

_reference = read_out  # noqa: F821 - the solution's function


def read_out(log, *, treatment_share=0.5, confidence=0.95, srm_alpha=0.001):
    result = _reference(log, treatment_share=treatment_share, confidence=confidence, srm_alpha=srm_alpha)
    result["p_value"] = result["p_value"] / 2
    return result
