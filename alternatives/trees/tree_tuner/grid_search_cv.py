"""GridSearchCV over max_depth (leaves of at least 10 rows) with 3-fold stratified cross-validation."""

from sklearn.model_selection import GridSearchCV
from sklearn.tree import DecisionTreeClassifier


def choose_tree(X, y):
    grid = {"max_depth": [1, 2, 3, 4, 6]}
    search = GridSearchCV(DecisionTreeClassifier(min_samples_leaf=10, random_state=0), grid, cv=3, refit=False)
    search.fit(X, y)
    return {"max_depth": search.best_params_["max_depth"], "min_samples_leaf": 10}
