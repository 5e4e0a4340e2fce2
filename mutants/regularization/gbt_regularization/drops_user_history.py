"""Regularises, but drops the user's recent clicks, a real signal, along with the noise."""

_reference = choose_hyperparameters  # noqa: F821 - the solution's function


def choose_hyperparameters(features, clicks):
    return {**_reference(features, clicks), "drop_features": ["user_clicks_30d"]}
