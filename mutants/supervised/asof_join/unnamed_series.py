"""Returns the right plans in a Series without the name the contract asks for."""

_reference = asof_plan  # noqa: F821 - the solution's function


def asof_plan(scorings, history, *, max_staleness):
    return _reference(scorings, history, max_staleness=max_staleness).rename(None)
