"""Regularises, but drops ad position, the strongest real signal, along with the noise."""

_reference = choose_hyperparameters  # noqa: F821 - the solution's function


def choose_hyperparameters(features, clicks):
    return {**_reference(features, clicks), "drop_features": ["ad_position"]}
