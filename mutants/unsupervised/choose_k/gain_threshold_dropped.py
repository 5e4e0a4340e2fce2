"""Never answers 1 for lack of gain: k = 1 is reported only when its gap is within one standard error of the best,
with no minimum gain of the best gap over k = 1."""

MIN_GAP_GAIN = -0.5
