"""Reports the calibration gap as an absolute value, losing whether the model over- or under-forecasts."""

import numpy as np


def calibration_in_the_large(labels, probabilities):
    return float(abs(np.mean(probabilities) - np.mean(labels)))
