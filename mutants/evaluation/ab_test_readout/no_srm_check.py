"""Reports the sample-ratio-mismatch p-value but reads the test out even when the split is broken."""

_reference = read_out  # noqa: F821 - the solution's function


def read_out(log, *, treatment_share=0.5, confidence=0.95, srm_alpha=0.001):
    return _reference(
        log,
        treatment_share=treatment_share,
        confidence=confidence,
        srm_alpha=1e-300 if 0 < srm_alpha <= 1 else srm_alpha,
    )
