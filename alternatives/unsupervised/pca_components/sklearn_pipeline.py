"""scikit-learn's StandardScaler and PCA in a pipeline, letting PCA pick the count from a fractional n_components.

PCA(n_components=f) keeps the smallest k whose cumulative share is strictly above f; asking for
share - 1e-9 makes that "at least share, up to rounding", as the contract wants.
"""

import numpy as np
from sklearn.decomposition import PCA
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def components_for_share(table, share=0.9):
    values = np.asarray(table, dtype=float)
    if not 0 < share <= 1 or values.ndim != 2 or len(values) < 2 or np.isnan(values).any():
        raise ValueError("share must be in (0, 1] and the table 2-d, without NaN, with 2+ rows")
    if (np.ptp(values, axis=0) == 0).any():  # equal values; a std can round to 1e-17 instead of 0
        raise ValueError("a constant column cannot be standardised")
    pipeline = make_pipeline(StandardScaler(), PCA(n_components=share - 1e-9, svd_solver="full"))
    pipeline.fit(values)
    return int(pipeline[-1].n_components_)
