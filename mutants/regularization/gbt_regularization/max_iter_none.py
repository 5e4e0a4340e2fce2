"""Returns ``max_iter=None`` for "no limit on boosting rounds", which the model does not accept."""

_reference = choose_hyperparameters  # noqa: F821 - the solution's function


def choose_hyperparameters(features, clicks):
    return {**_reference(features, clicks), "max_iter": None}
