"""Stocks by the forecast with the lowest scaled error (MASE), not the lowest expected cost."""

import numpy as np


def _chosen(report):
    return int(np.argmin(report["mase"].to_numpy()))
