"""What graders assert with: checks whose failure messages teach and never give the answer away.

Every helper raises :class:`GradeFailure` (an AssertionError) with a message written for the
candidate: what was called, on what kind of input, what was wrong with what came back, and a nudge
toward the usual mistake. None of them prints an expected value.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from mlkata.runner import CallOverBudget, cpu_budget, measuring_cpu


class GradeFailure(AssertionError):
    """A grader's verdict that the candidate's answer is incorrect; its message is for the candidate."""


def expect(condition: bool, message: str) -> None:
    """Fail with ``message`` unless ``condition`` holds."""
    if not bool(condition):
        raise GradeFailure(message)


_margins: list[dict] = []  # statistical checks' distances from their limits, since the last take_margins()


def _note_margin(what: str, value: float, limit: float, margin: float) -> None:
    _margins.append({"check": what, "value": float(value), "limit": float(limit), "margin": float(margin)})


def expect_at_least(value: float, limit: float, message: str, *, what: str) -> None:
    """Fail with ``message`` unless ``value >= limit``: a statistical check whose limit was measured.

    ``what`` names the quantity (not the candidate's answer). The audit records how far each fair
    answer stays from the limit, seed by seed, so that a limit too close to the reference shows.
    """
    _note_margin(what, value, limit, value - limit)
    expect(value >= limit, message)


def expect_at_most(value: float, limit: float, message: str, *, what: str) -> None:
    """Fail with ``message`` unless ``value <= limit`` (see :func:`expect_at_least`)."""
    _note_margin(what, value, limit, limit - value)
    expect(value <= limit, message)


def take_margins() -> list[dict]:
    """The margins noted since the last call, which forgets them."""
    taken = list(_margins)
    _margins.clear()
    return taken


def _kind(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of dtype {value.dtype} and shape {value.shape}"
    return f"a {type(value).__name__}"


def as_float(value: Any, *, what: str, finite: bool = True) -> float:
    """``value`` as a Python float, or a failure saying what ``what`` returned instead."""
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise GradeFailure(f"{what} should be a number; it was {_kind(value)}.")
    result = float(value)
    if finite and not math.isfinite(result):
        raise GradeFailure(f"{what} should be a finite number; it was {result}.")
    return result


def as_int(value: Any, *, what: str) -> int:
    """``value`` as a Python int (a float with no fractional part is accepted)."""
    number = as_float(value, what=what)
    if number != int(number):
        raise GradeFailure(f"{what} should be a whole number; it was {number}.")
    return int(number)


def as_array(value: Any, *, what: str, length: int | None = None, numeric: bool = True) -> np.ndarray:
    """``value`` (array, list or Series) as a 1-d array, checked for length, dtype and NaN."""
    if isinstance(value, (pd.Series, pd.Index)):
        value = value.to_numpy()
    if not isinstance(value, (np.ndarray, list, tuple)):
        raise GradeFailure(f"{what} should be a 1-d array; it was {_kind(value)}.")
    array = np.asarray(value)
    if array.ndim != 1:
        raise GradeFailure(f"{what} should be 1-d; it had shape {array.shape}.")
    if length is not None and len(array) != length:
        raise GradeFailure(f"{what} should have one entry per input row ({length}); it had {len(array)}.")
    if numeric:
        if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
            raise GradeFailure(f"{what} should hold numbers; its dtype was {array.dtype}.")
        array = array.astype(float)
        if np.isnan(array).any():
            raise GradeFailure(f"{what} contains NaN in {int(np.isnan(array).sum())} place(s).")
    return array


def as_mapping(value: Any, *, what: str, keys: Iterable[str]) -> dict:
    """``value`` as a dict that has exactly ``keys``."""
    if not isinstance(value, Mapping):
        raise GradeFailure(f"{what} should be a dict; it was {_kind(value)}.")
    wanted, got = set(keys), set(value)
    if wanted != got:
        parts = []
        if wanted - got:
            parts.append(f"missing {sorted(wanted - got)}")
        if got - wanted:
            parts.append(f"unexpected {sorted(map(str, got - wanted))}")
        raise GradeFailure(f"{what} should have the keys the docstring lists: {'; '.join(parts)}.")
    return dict(value)


def as_frame(value: Any, *, what: str, columns: Iterable[str]) -> pd.DataFrame:
    """``value`` as a DataFrame holding at least ``columns``."""
    if not isinstance(value, pd.DataFrame):
        raise GradeFailure(f"{what} should be a pandas DataFrame; it was {_kind(value)}.")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise GradeFailure(f"{what} lacks the column(s) {missing}; it has {list(value.columns)}.")
    return value


def expect_rejected(
    impl: Any, name: str, cases: Mapping[str, tuple[tuple, dict]], *, error: type[Exception] = ValueError
) -> None:
    """Fail unless ``impl.<name>`` raises ``error`` on every case, given as ``{description: (args, kwargs)}``."""
    for description, (args, kwargs) in cases.items():
        expect(
            impl.raises(error, name, *args, **kwargs) is not None,
            f"{name} returned normally for {description}; its docstring asks for {error.__name__} there.",
        )


def is_close(a: float, b: float, *, tol: float = 1e-9) -> bool:
    """Equal within ``tol``, relative to the larger magnitude (absolute near zero)."""
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def best_time(function: Callable[[], Any], *, repeat: int = 3) -> float:
    """The least of ``repeat`` measurements of ``function()``'s CPU time, in seconds (see :func:`cpu_time`)."""
    return min(cpu_time(function) for _ in range(repeat))


def cpu_time(function: Callable[[], Any]) -> float:
    """The CPU seconds ``function()`` spent in the calls it made to graded code, measured where each
    ran (a candidate's in its worker); its own CPU time when it made none. CPU time is what other
    processes' load cannot inflate, unlike the wall clock."""
    return _timed(function)[0]


def _timed(function: Callable[[], Any], *, budget: float | None = None) -> tuple[float, Any]:
    with measuring_cpu() as calls, cpu_budget(budget):
        started = time.process_time()
        result = function()
        own = time.process_time() - started
    return (sum(calls) if calls else own), result


SLOW_NUDGE = "Look for a loop over pairs of rows, or a Python loop over rows that numpy could do in one pass."


def expect_fast(
    candidate: Callable[[], Any], reference: Callable[[], Any], *, ratio: float, what: str, nudge: str = SLOW_NUDGE
) -> Any:
    """Fail when ``candidate()`` takes more than ``ratio`` times the CPU time of ``reference()``;
    return what ``candidate()`` returned (its first run), for the grader to check as well.

    Both run on the same input; the ratio is generous so that it separates O(n log n) from O(n^2),
    not one machine's noise from another's. CPU time of the calls themselves (not the wall clock,
    not the channel to a worker) keeps a busy machine from costing an honest answer; a near miss
    is measured again, interleaved with the reference, and the best of each counts.
    """
    reference_time = max(best_time(reference), 1e-3)
    # one candidate run first: a quadratic answer should not be timed three times over, nor (in this
    # process) run on past the time beyond which a second measurement could not save it
    try:
        candidate_time, result = _timed(candidate, budget=3 * ratio * reference_time)
    except CallOverBudget:
        candidate_time, result = math.inf, None
    if ratio * reference_time < candidate_time < 3 * ratio * reference_time:
        for _ in range(2):
            reference_time = max(min(reference_time, cpu_time(reference)), 1e-3)
            candidate_time = min(candidate_time, cpu_time(candidate))
    times = f"more than {3 * ratio:.0f}" if math.isinf(candidate_time) else f"{candidate_time / reference_time:.0f}"
    expect(
        candidate_time <= ratio * reference_time,
        f"{what} is too slow: {times} times as long as a reference solution on the same input (allowed: "
        f"{ratio:.0f} times). {nudge}",
    )
    return result


def same_value(a: Any, b: Any) -> bool:
    """Whether two plain values are the same data: equal values, types, dtypes, index and columns (NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, pd.DataFrame):
        return a.equals(b) and a.index.equals(b.index) and a.columns.equals(b.columns) and a.dtypes.equals(b.dtypes)
    if isinstance(a, pd.Series):
        return a.equals(b) and a.index.equals(b.index) and a.dtype == b.dtype and a.name == b.name
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def expect_arguments_unchanged(impl: Any, name: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``impl.name(*args, **kwargs)`` and fail unless the call left every argument as it was
    (the caller's data, not a copy the function made for itself); return the call's result."""
    result, after_args, after_kwargs = impl.call_keeping_arguments(name, *args, **kwargs)
    changed = [
        f"argument {i + 1}" for i, (x, y) in enumerate(zip(args, after_args, strict=True)) if not same_value(x, y)
    ]
    changed += [f"argument {key!r}" for key in kwargs if not same_value(kwargs[key], after_kwargs.get(key))]
    expect(
        not changed,
        f"{name} modified its {', '.join(changed)} ({_kind(args[0]) if args else 'input'} passed in): the contract "
        "says to leave the caller's data as it is. Work on a copy (df.copy(), array.copy()) or build new objects.",
    )
    return result
