"""Drops the campaign ID altogether and uses moderately shallow trees with a larger leaf size."""


def choose_hyperparameters(features, clicks):
    return {
        "drop_features": ["campaign"],
        "max_depth": 3,
        "min_samples_leaf": 40,
        "learning_rate": 0.05,
        "max_iter": 150,
    }
