"""Scores each model on the rows it was fitted on, so memorising the account ID looks helpful."""

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def _fold_auc(features, labels, train, held_out):
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))
    model.fit(features.iloc[train], labels[train])
    return roc_auc_score(labels[train], model.predict_proba(features.iloc[train])[:, 1])
