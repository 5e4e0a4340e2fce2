"""Applies the patience rule to the training loss instead of the validation loss."""

_reference = best_round  # noqa: F821 - the solution's function


def best_round(history, *, patience, min_delta=0.0):
    return _reference(history.assign(valid_loss=history["train_loss"]), patience=patience, min_delta=min_delta)
