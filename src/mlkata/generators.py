"""Support for the data generators in data/: keyword-only, validated, seeded and memoised."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

F = TypeVar("F", bound=Callable[..., Any])


def require(condition: bool, message: str) -> None:
    """Raise ValueError with ``message`` (which says what was wrong) unless ``condition`` holds."""
    if not condition:
        raise ValueError(message)


def binary_labels(rng: np.random.Generator, n: int, rate: float) -> np.ndarray:
    """0/1 ints, each 1 with probability ``rate``, with both classes present (two rows are forced,
    then the whole array is shuffled), so that metrics defined only on two classes always are."""
    labels = (rng.random(n) < rate).astype(int)
    labels[:2] = [0, 1]
    rng.shuffle(labels)
    return labels


def generator(function: F) -> F:
    """Declare a ``make_*`` data generator.

    Its arguments must all be keyword-only, one of them ``seed``. Results are memoised on the
    arguments, so graders that grade many implementations on one seed generate the data once;
    callers must therefore treat what they get as read-only (the grading boundary hands the
    candidate deep copies).
    """
    signature = inspect.signature(function)
    positional = [p.name for p in signature.parameters.values() if p.kind is not p.KEYWORD_ONLY]
    if positional or "seed" not in signature.parameters:
        raise TypeError(f"{function.__name__}: a generator takes keyword-only arguments including seed")
    cached = functools.lru_cache(maxsize=64)(function)

    @functools.wraps(function)
    def wrapper(**kwargs: Any) -> Any:
        bound = signature.bind(**kwargs)
        bound.apply_defaults()
        seed = bound.arguments["seed"]
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise ValueError(f"{function.__name__}: seed must be a non-negative int, got {seed!r}")
        return cached(**bound.arguments)

    return wrapper  # type: ignore[return-value]
