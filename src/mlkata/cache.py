"""Work that every candidate graded with one seed would repeat: done once, then shared.

A grader's own work either depends on nothing the candidate does (the reference's answers on the
seed's data, the best model the grader can fit) or only on what the candidate *returned* (a refit
of the hyperparameters it chose: every candidate who chose the same ones gets the same refit). Such
work is memoised here, keyed by the kit's content, the function and a digest of its arguments:

* in this process, which grades many candidates when it is a grading host (``host.py``);
* on disk, when a cache folder is configured (``--mlkata-cache``; ``mlkata grade`` uses
  ``OUT/.mlkata-cache``), so that a second job, a re-run or a resumed cohort starts warm.

Only deterministic work may be shared: the same arguments must always give the same result. Every
hit is a fresh copy (entries are stored pickled), so a grader may modify what it gets. The cache
folder is the grading operator's: it is hidden from candidate code like the rest of OUT, and its
entries are unpickled, so nothing else may write there. A change to graders/, solutions/, data/ or
the engine changes the key of every entry: a stale result is never read.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

MEMORY_BUDGET_BYTES = 512 * 2**20  # pickled results kept in this process; the oldest go first
CACHE_FOLDER = ".mlkata-cache"  # in OUT, beside the candidates' folders (which never start with a dot)
_KIT_CONTENT = ("graders", "solutions", "data")


class _Store:
    def __init__(self) -> None:
        self.kit = ""  # the digest of the kit's content: part of every key
        self.folder: Path | None = None
        self.memory: OrderedDict[str, bytes] = OrderedDict()
        self.memory_bytes = 0
        self.hits = self.misses = 0

    def remember(self, key: str, blob: bytes) -> None:
        if key in self.memory:
            return
        self.memory[key] = blob
        self.memory_bytes += len(blob)
        while self.memory_bytes > MEMORY_BUDGET_BYTES and self.memory:
            _, dropped = self.memory.popitem(last=False)
            self.memory_bytes -= len(dropped)

    def load(self, key: str) -> bytes | None:
        blob = self.memory.get(key)
        if blob is None and self.folder is not None:
            try:
                blob = (self.folder / key[:2] / key).read_bytes()
            except OSError:
                return None
            self.remember(key, blob)
        return blob

    def save(self, key: str, blob: bytes) -> None:
        self.remember(key, blob)
        if self.folder is None:
            return
        folder = self.folder / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # atomic: jobs sharing the folder read a whole entry or none
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-", delete=False) as handle:
                handle.write(blob)
            os.replace(handle.name, folder / key)
        except OSError:
            pass  # a full or read-only disk costs speed, never a grade


_store = _Store()


def kit_digest(root: Path) -> str:
    """A digest of what grading results depend on: the kit's graders, references and data
    generators, and the engine itself."""
    engine = Path(__file__).parent
    files = [p for name in _KIT_CONTENT for p in sorted((root / name).rglob("*.py"))]
    files += sorted(engine.glob("*.py"))
    digest = hashlib.blake2b(digest_size=16)
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(engine.parent if path.is_relative_to(engine) else root)).encode())
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return digest.hexdigest()


def configure(root: Path, folder: Path | None) -> None:
    """Share work for kit ``root``, on disk in ``folder`` too when given. What is in memory stays
    when the kit is unchanged (a grading host configures once per candidate)."""
    kit = kit_digest(root)
    if kit != _store.kit:
        _store.memory.clear()
        _store.memory_bytes = 0
        _store.kit = kit
    _store.folder = folder / kit if folder is not None else None


def statistics() -> dict[str, int]:
    """Hits and misses since this process started (for benchmarks and tests)."""
    return {"hits": _store.hits, "misses": _store.misses}


def key_of(name: str, arguments: Any) -> str | None:
    """The key ``shared_call(name, arguments, ...)`` files its result under; None where the arguments
    cannot be pickled (such a call is never shared)."""
    try:
        payload = pickle.dumps((_store.kit, name, arguments), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - arguments that cannot be pickled are simply not shared
        return None
    return hashlib.blake2b(payload, digest_size=20).hexdigest()


def shared_call(name: str, arguments: Any, compute: Callable[[], T]) -> T:
    """``compute()``, or a copy of what it returned before for the same ``name`` and ``arguments``.

    ``name`` says whose work it is (a function's qualified name); ``arguments`` must determine the
    result. Exceptions are not remembered: they propagate, and the next call computes again.
    """
    return shared_under(key_of(name, arguments), compute)


def shared_under(key: str | None, compute: Callable[[], T]) -> T:
    """:func:`shared_call` for a caller that already has the key (:func:`key_of`); None shares nothing."""
    blob = _store.load(key) if key is not None else None
    if blob is not None:
        try:
            result = pickle.loads(blob)
        except Exception:  # noqa: BLE001 - a damaged entry is recomputed
            pass
        else:
            _store.hits += 1
            return result
    _store.misses += 1
    result = compute()
    if key is not None:
        try:
            blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a result that cannot be pickled is not shared
            return result
        _store.save(key, blob)  # a snapshot: what the caller does to ``result`` does not reach it
    return result


def shared(function: F) -> F:
    """Share a grader's deterministic helper across candidates: ``@shared def refit(choice, seed): ...``.

    The result must depend on the arguments alone (seeded data, fixed random states), never on
    state that a candidate can influence other than through them.
    """
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return shared_call(name, (args, sorted(kwargs.items())), lambda: function(*args, **kwargs))

    return wrapper  # type: ignore[return-value]
