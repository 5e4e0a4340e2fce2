"""Calling candidate code: the one boundary between a grader and what it grades.

Graders never import candidate modules themselves; they call ``impl.some_function(...)`` on an
:class:`Implementation`. The call copies its inputs (so the candidate can neither corrupt the
grader's data nor see later changes to it), and turns what goes wrong on the candidate's side into
:class:`NotAttempted` or :class:`CandidateError`, which the pytest plugin reports as outcomes of
their own.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import hashlib
import signal
import sys
import threading
import time
import traceback
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlkata.cache import key_of, shared_under
from mlkata.layout import Exercise


class NotAttempted(Exception):
    """The candidate has not written this yet (missing file, or NotImplementedError)."""


class CallTimedOut(BaseException):
    """A call outlived its limit (a BaseException, so that the candidate's ``except Exception`` cannot swallow it)."""


def _time_limit(seconds: float | None) -> contextlib.AbstractContextManager[None]:
    """Raise CallTimedOut in this thread after ``seconds`` of wall-clock time."""
    return _timer(seconds, signal.ITIMER_REAL, signal.SIGALRM, CallTimedOut)


@contextlib.contextmanager
def _timer(seconds: float | None, timer: int, signum: int, error: type[BaseException]) -> Iterator[None]:
    """Raise ``error`` in this thread when ``timer`` has run ``seconds`` (no limit: None, or not the
    main thread, where signals cannot be delivered)."""
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise error

    previous = signal.signal(signum, expire)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)


class CallOverBudget(BaseException):
    """A timed call used up the CPU time its grader allowed it (see :func:`cpu_budget`)."""


_budgets: list[float] = []


@contextlib.contextmanager
def cpu_budget(seconds: float | None) -> Iterator[None]:
    """Let each candidate call made in this process inside the block use at most ``seconds`` of CPU
    time, then raise CallOverBudget in it: a grader timing a call need not wait for the end of one
    far too slow to pass (a worker's call, run elsewhere, is not cut short)."""
    if seconds is None:
        yield
        return
    _budgets.append(seconds)
    try:
        yield
    finally:
        _budgets.pop()


def _cpu_limit(seconds: float | None) -> contextlib.AbstractContextManager[None]:
    """Raise CallOverBudget in this thread after ``seconds`` of this process's CPU time."""
    return _timer(seconds, signal.ITIMER_PROF, signal.SIGPROF, CallOverBudget)


class CandidateError(Exception):
    """The candidate's code failed: it did not import, lacks a function, or raised ``original``."""

    def __init__(self, message: str, original: BaseException | None = None):
        super().__init__(message)
        self.original = original


@dataclass(frozen=True)
class Target:
    """What is graded: a tree mirroring exercises/, one mutant laid over its solution, or one
    standalone module (an alternative correct answer)."""

    label: str
    root: Path | None = None
    mutant: Path | None = None
    module: Path | None = None

    def describe(self) -> str:
        return str(self.mutant or self.module or self.root)


def _candidate_frames(tb: types.TracebackType | None, filename: str) -> str:
    frames = [f for f in traceback.extract_tb(tb) if f.filename == filename]
    return "".join(traceback.format_list(frames[-3:]))


def _load(name: str, sources: list[tuple[Path, str]]) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = str(sources[-1][0])
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    for path, text in sources:
        exec(compile(text, str(path), "exec"), module.__dict__)
    return module


_modules: dict[tuple, types.ModuleType] = {}


def load_module(files: list[Path]) -> types.ModuleType:
    """Execute ``files`` in order in one fresh namespace (a mutant is executed over its solution).

    Modules are cached by path and content, so re-grading an unchanged file does not re-import it.
    """
    sources = [(path, path.read_text(encoding="utf-8")) for path in files]
    digest = hashlib.sha256(repr(sources).encode()).hexdigest()[:16]
    if digest not in _modules:
        _modules[digest] = _load(f"mlkata_graded_{files[-1].stem}_{digest}", sources)
    return _modules[digest]


def load_candidate(files: list[Path], where: str) -> types.ModuleType:
    """The module made of ``files`` (the last one is the candidate's); NotAttempted or
    CandidateError when it is missing, unfinished or broken. ``where`` names it in messages."""
    path = files[-1]
    if not path.is_file():
        raise NotAttempted(f"there is no {where}")
    try:
        return load_module(files)
    except NotImplementedError:
        raise NotAttempted(f"{path} raises NotImplementedError on import") from None
    except SyntaxError as error:
        raise CandidateError(f"{path} does not compile: {error.msg} (line {error.lineno})") from None
    except BaseException as error:  # any failure here is the candidate's, SystemExit included
        if isinstance(error, KeyboardInterrupt | CallTimedOut | CallOverBudget):
            raise
        frames = _candidate_frames(error.__traceback__, str(path))
        raise CandidateError(f"importing {path} raised {type(error).__name__}: {error}\n{frames}") from None


def find_function(module: types.ModuleType, name: str) -> Callable[..., Any]:
    """The module's function ``name``, or a CandidateError that suggests the likely misnaming."""
    function = getattr(module, name, None)
    if not callable(function):
        defined = [n for n, v in vars(module).items() if callable(v) and not n.startswith("_")]
        close = difflib.get_close_matches(name, defined, n=1) or [d for d in defined if name in d or d in name]
        nudge = f" Did you rename it to {close[0]!r}?" if close else ""
        raise CandidateError(f"{module.__file__} defines no function {name!r}.{nudge}")
    return function


def call_function(function: Callable[..., Any], name: str, args: tuple, kwargs: dict, *, filename: str) -> Any:
    """Call a candidate's function; its failures become NotAttempted or CandidateError, with the
    traceback lines that are in the candidate's ``filename``."""
    try:
        return function(*args, **kwargs)
    except NotImplementedError:
        raise NotAttempted(f"{name} is not written yet (it raises NotImplementedError)") from None
    except BaseException as error:  # any failure here is the candidate's, SystemExit included
        if isinstance(error, KeyboardInterrupt | CallTimedOut | CallOverBudget):
            raise
        frames = _candidate_frames(error.__traceback__, filename)
        message = f"{name} raised {type(error).__name__}: {error}\n{frames}".rstrip()
        raise CandidateError(message, original=error) from None


_cpu_ledgers: list[list[float]] = []
# the reference's CPU seconds on each input it was timed on (by shared key): after TIMED_RUNS real runs,
# a timed reference call answers from the shared cache and counts the best of them, so that the
# reference is not timed again for every candidate (and every target of an audit) on the same seed
_reference_seconds: dict[str, list[float]] = {}
TIMED_RUNS = 3


@contextlib.contextmanager
def measuring_cpu() -> Iterator[list[float]]:
    """Collect the CPU seconds of each candidate or reference call made inside the block: measured
    where the call ran (in a worker, by the worker), so neither the channel nor other processes'
    load count."""
    ledger: list[float] = []
    _cpu_ledgers.append(ledger)
    try:
        yield ledger
    finally:
        _cpu_ledgers.remove(ledger)


@contextlib.contextmanager
def _unmeasured() -> Iterator[None]:
    """Calls made inside the block count in no open :func:`measuring_cpu` block."""
    open_ledgers = _cpu_ledgers[:]
    _cpu_ledgers.clear()
    try:
        yield
    finally:
        _cpu_ledgers[:] = open_ledgers


def record_cpu(seconds: float) -> None:
    """Note one call's CPU seconds in every open :func:`measuring_cpu` block."""
    for ledger in _cpu_ledgers:
        ledger.append(seconds)


class Implementation:
    """The candidate's module for one exercise, reached only through copied-in, checked calls."""

    def __init__(
        self,
        exercise: Exercise,
        target: Target,
        *,
        worker: Any = None,
        timeout: float | None = None,
        shared: bool = False,
    ):
        self.exercise = exercise
        self.target = target
        self.worker = worker  # an isolation.Worker that runs the candidate's code, or None: in this process
        self.timeout = timeout  # the wall-clock limit of one call in this process (a worker has its own)
        # the reference's answers are the same for every candidate: computed once per arguments (shared.py),
        # except while a grader times it, when the reference must really run
        self.shared = shared
        if target.mutant is not None:
            self.files = [exercise.solution, target.mutant]
        elif target.module is not None:
            self.files = [target.module]
        else:
            assert target.root is not None
            self.files = [target.root / exercise.relative_module]
        self.path = self.files[-1]

    def __repr__(self) -> str:
        return f"<{self.exercise.id} from {self.target.describe()}>"

    def _module(self) -> types.ModuleType:
        return load_candidate(self.files, str(self.exercise.relative_module))

    def function(self, name: str) -> Callable[..., Any]:
        """The candidate's function ``name``, unwrapped (for timing and introspection)."""
        if self.worker is not None:
            return lambda *args, **kwargs: self.call(name, *args, **kwargs)
        return find_function(self._module(), name)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call the candidate's ``name`` on copies of the arguments (in a worker process, when isolated)."""
        if self.worker is not None:
            return self.worker.call(self.exercise.relative_module, name, args, kwargs)
        if self.shared:
            return self._shared_call(name, args, kwargs)
        return self._call_here_on_copies(name, args, kwargs)

    def _shared_call(self, name: str, args: tuple, kwargs: dict) -> Any:
        """The reference's answer, computed once per arguments; while a grader times it, its CPU time
        too: measured on the first TIMED_RUNS timed calls, the best of them counted after."""
        key = key_of(f"{self.exercise.id}:{name}", (args, kwargs))  # the arguments pickled once, not per use
        compute = lambda: self._call_here_on_copies(name, args, kwargs)  # noqa: E731
        if not _cpu_ledgers:
            return shared_under(key, compute)
        seconds = _reference_seconds.setdefault(key, []) if key is not None else []
        if len(seconds) >= TIMED_RUNS:
            with _unmeasured():  # an answer evicted from the cache is computed again: its known time counts
                result = shared_under(key, compute)
            record_cpu(min(seconds))
            return result
        with measuring_cpu() as own:
            result = compute()
        seconds.extend(own)
        shared_under(key, lambda: result)  # what later timed calls answer with
        return result

    def _call_here_on_copies(self, name: str, args: tuple, kwargs: dict) -> Any:
        args, kwargs = copy.deepcopy((args, kwargs))
        return self._call_here(name, args, kwargs)

    def call_keeping_arguments(self, name: str, *args: Any, **kwargs: Any) -> tuple[Any, tuple, dict]:
        """Call ``name`` on copies of the arguments; return its result and those copies as the call left them."""
        if self.worker is not None:
            answer = self.worker.call(self.exercise.relative_module, name, args, kwargs, with_arguments=True)
            return answer["result"], tuple(answer["args"]), answer["kwargs"]
        args, kwargs = copy.deepcopy((args, kwargs))
        return self._call_here(name, args, kwargs), args, kwargs

    def _call_here(self, name: str, args: tuple, kwargs: dict) -> Any:
        """Call ``name`` in this process, within the time limit, noting the call's CPU time (not the
        module's import, as a worker does not count it either)."""
        budget = _budgets[-1] if _budgets and not self.shared else None
        try:
            with _time_limit(self.timeout):
                function = self.function(name)
                started = time.process_time()
                try:
                    with _cpu_limit(budget):
                        return call_function(function, name, args, kwargs, filename=str(self.path))
                finally:
                    record_cpu(time.process_time() - started)
        except CallTimedOut:
            raise CandidateError(
                f"{self.exercise.id}: {name} did not return within {self.timeout:g} seconds (the limit of one call; "
                "--mlkata-timeout sets it). Look for a loop that never ends, or work that grows too fast."
            ) from None

    def raises(self, error: type[Exception], name: str, *args: Any, **kwargs: Any) -> Exception | None:
        """Call ``name`` where the contract says it must raise ``error``; return what it raised,
        or None when it returned. Raising another exception is an incorrect answer, not a crash."""
        try:
            self.call(name, *args, **kwargs)
        except CandidateError as failure:
            if failure.original is None:  # it did not import, or lacks the function
                raise
            if isinstance(failure.original, error):
                return failure.original
            got, wanted = type(failure.original).__name__, error.__name__
            from mlkata.checks import GradeFailure  # numpy and pandas: not for the command line's start-up

            raise GradeFailure(f"{name} raised {got} where its docstring asks for {wanted}:\n{failure}") from None
        return None

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self.call(name, *args, **kwargs)
