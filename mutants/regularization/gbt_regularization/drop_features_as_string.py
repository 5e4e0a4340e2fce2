"""Names the column to drop as a bare string instead of a list of column names."""

_reference = choose_hyperparameters  # noqa: F821 - the solution's function


def choose_hyperparameters(features, clicks):
    choice = _reference(features, clicks)
    choice.pop("min_campaign_count")
    return {**choice, "drop_features": "campaign"}
