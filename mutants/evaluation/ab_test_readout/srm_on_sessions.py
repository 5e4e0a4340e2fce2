"""Counts sessions per arm, not users, in the sample-ratio-mismatch check."""

import numpy as np
from scipy import stats

_reference = read_out  # noqa: F821 - the solution's function


def read_out(log, *, treatment_share=0.5, confidence=0.95, srm_alpha=0.001):
    result = _reference(
        log,
        treatment_share=treatment_share,
        confidence=confidence,
        srm_alpha=1e-300 if 0 < srm_alpha <= 1 else srm_alpha,
    )
    sessions = log["arm"].value_counts().reindex(["control", "treatment"], fill_value=0).to_numpy()
    planned = sessions.sum() * np.array([1 - treatment_share, treatment_share])
    result["srm_p_value"] = float(stats.chi2.sf(((sessions - planned) ** 2 / planned).sum(), df=1))
    if result["srm_p_value"] < srm_alpha:
        raise ValueError("sample ratio mismatch")
    return result
