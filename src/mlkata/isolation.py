"""Running candidate code in a worker process, so that graders and answer keys never share a process with it.

A :class:`Worker` copies the submission to a scratch folder, starts ``python -m mlkata.worker``
there (inside new network, mount and process namespaces where the platform allows), sends it each
call as :mod:`mlkata.wire` frames and decodes the answer without unpickling anything. A call that
outlives its wall-clock limit, or a worker that dies, costs that call (the grader reports it as the
candidate's error); the next call starts a fresh worker.
"""

from __future__ import annotations

import argparse
import builtins
import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mlkata import wire
from mlkata.runner import CandidateError, NotAttempted

NOBODY = 65534
ISOLATIONS = ("process", "none")  # where candidate code runs: a fenced worker, or the grading process
DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 2048
STARTUP_SECONDS = 60.0
# the ways to start a worker, most fenced first; the first that starts is kept for the process
_LAUNCHERS = (
    ("namespaces", ["unshare", "--net", "--mount", "--pid", "--fork", "--mount-proc", "--kill-child", "--"]),
    (
        "user namespaces",
        ["unshare", "--user", "--map-root-user", "--net", "--mount", "--pid", "--fork", "--mount-proc", "--"],
    ),
    ("plain process", []),
)
_working_launcher: list[int] = []


def _timeout(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, got {text}")
    return value


def _memory(text: str) -> int:
    value = int(text)
    if value < 64:
        raise argparse.ArgumentTypeError(f"must be at least 64 MB, got {text}")
    return value


def add_isolation_arguments(parser: argparse.ArgumentParser) -> None:
    """``--isolation``, ``--timeout`` and ``--memory``, validated, for the commands that grade candidate code."""
    parser.add_argument(
        "--isolation",
        choices=ISOLATIONS,
        default="process",
        help="'process' (default): candidate code runs in a fenced worker; 'none': in the grading process "
        "(fast, for your own code)",
    )
    parser.add_argument(
        "--timeout", type=_timeout, default=DEFAULT_TIMEOUT, help="wall-clock limit of one call, in seconds"
    )
    parser.add_argument("--memory", type=_memory, default=DEFAULT_MEMORY_MB, help="the candidate's memory limit, in MB")


class WorkerFailure(Exception):
    """The worker could not be started at all (a fault of the grading machine, not the candidate's)."""


def _original_error(kinds: list[str], message: str) -> BaseException:
    """A builtin exception standing for the candidate's, so ``impl.raises(ValueError, ...)`` can judge it."""
    for kind in kinds:
        candidate = getattr(builtins, kind, None)
        if isinstance(candidate, type) and issubclass(candidate, BaseException):
            try:
                return candidate(message)
            except TypeError:
                continue
    return Exception(message)


class Worker:
    """One submission's worker process, restarted after a death or a timeout."""

    def __init__(
        self,
        submission: Path,
        *,
        hide: list[Path],
        timeout: float = DEFAULT_TIMEOUT,
        memory_mb: int = DEFAULT_MEMORY_MB,
    ):
        self.submission = submission
        self.hide = [p for p in hide if _safe_to_hide(p)]
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.fences: list[str] = []
        self._process: subprocess.Popen | None = None
        self._scratch: Path | None = None
        self._module: str | None = None  # the exercise whose process is live in the worker
        self._calls = 0
        self._launching = None  # the launchers not tried yet, while a worker is being started
        self._launch: tuple[int, str] = (-1, "")
        self._errors: list[str] = []

    # -- life cycle -------------------------------------------------------------------------
    def _fresh_scratch(self) -> Path:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
        self._scratch = Path(tempfile.mkdtemp(prefix="mlkata-scratch-"))
        if self.submission.is_dir():
            shutil.copytree(self.submission, self._scratch, dirs_exist_ok=True, symlinks=True)
        if os.geteuid() == 0:
            for folder, _, files in os.walk(self._scratch):
                for path in (folder, *(os.path.join(folder, f) for f in files)):
                    os.lchown(path, NOBODY, NOBODY)
        return self._scratch

    def _command(self, launcher: list[str]) -> list[str]:
        command = [*launcher, sys.executable, "-m", "mlkata.worker", f"--memory={self.memory_mb}"]
        command.append(f"--cpu={self.timeout:g}")  # CPU time cannot outrun the wall clock but for threads
        command += [f"--hide={p}" for p in self.hide]
        if "--mount" in launcher:
            command.append("--private-mounts")
        if os.geteuid() == 0 and "--mount" in launcher and "--user" not in launcher:
            command.append(f"--user={NOBODY}")
        return command

    def _environment(self, scratch: Path) -> dict:
        # nothing of the grader's environment but the basics: the same interpreter finds its own
        # packages, and the kit's folders are not on the worker's path
        keep = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT")
        return {
            **{k: v for k, v in os.environ.items() if k in keep},
            "HOME": str(scratch),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONHASHSEED": "0",
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "MPLBACKEND": "Agg",
        }

    def _launchers(self):
        for index in _working_launcher or range(len(_LAUNCHERS)):
            name, launcher = _LAUNCHERS[index]
            if not launcher or shutil.which(launcher[0]) is not None:
                yield index, name, launcher

    def _launch_next(self) -> bool:
        """Start the next way of launching a worker; False when none is left."""
        assert self._launching is not None and self._scratch is not None
        for index, name, launcher in self._launching:
            self._process = subprocess.Popen(
                self._command(launcher),
                cwd=self._scratch,
                env=self._environment(self._scratch),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            self._launch = (index, name)
            return True
        return False

    def prestart(self) -> None:
        """Begin starting the worker, so that its imports overlap the grader's own set-up."""
        if self._process is None and self._launching is None:
            self._fresh_scratch()
            self._launching, self._errors = self._launchers(), []
            self._launch_next()

    def _start(self) -> None:
        """Wait for the worker begun by prestart (beginning it if need be); fall back down the
        launchers while one fails."""
        self.prestart()
        while self._process is not None or self._launch_next():
            index, name = self._launch
            try:
                hello = self._receive(STARTUP_SECONDS)
            except (CandidateError, wire.WireError) as error:
                hello = {"outcome": "broken", "message": str(error)}
            if hello.get("outcome") != "ready":
                self._errors.append(f"{name}: {hello.get('message', hello)}")
                self._kill()
                continue
            if not _working_launcher:
                _working_launcher.append(index)
            self.fences = [f"started as {name}", *hello["fences"], *(f"unavailable: {e}" for e in self._errors)]
            self._launching = None
            return
        self._launching = None
        raise WorkerFailure("no worker could be started: " + "; ".join(self._errors))

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()

    def close(self) -> None:
        """Stop the worker and delete its scratch folder."""
        if self._process is not None:
            with contextlib.suppress(OSError):
                wire.write_message(self._process.stdin, wire.encode({"op": "exit"}))
        self._kill()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    # -- calls ------------------------------------------------------------------------------
    def _read_exact(self, size: int, deadline: float) -> bytes:
        assert self._process is not None and self._process.stdout is not None
        fd = self._process.stdout.fileno()
        chunks, remaining = [], size
        while remaining:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise TimeoutError
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _receive(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        try:
            header = self._read_exact(8, deadline)
            length = int.from_bytes(header, "big")
            if length > wire.MAX_FRAME_BYTES:
                raise wire.WireError(f"an answer of {length} bytes")
            answer = wire.decode(self._read_exact(length, deadline))
        except TimeoutError:
            self._kill()
            raise CandidateError(f"it did not return within {timeout:g} seconds (the wall-clock limit)") from None
        except EOFError:
            raise CandidateError(self._death()) from None
        if not isinstance(answer, dict):
            raise wire.WireError("an answer that is not a dict")
        return answer

    def _death(self) -> str:
        """Why the worker's channel ended; the worker is gone afterwards."""
        assert self._process is not None
        try:
            code = self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # it closed the channel but lives on
            code = None
        self._kill()
        if code is None:
            return "the process running it closed its channel to the grader"
        return f"the process running it ended (exit status {code})"

    def _exchange(self, message: dict, timeout: float) -> dict:
        """Send ``message``, return the answer; any fault of the worker's becomes a CandidateError and
        leaves no worker behind (the next call starts a fresh one)."""
        if self._launching is not None:
            self._start()  # begun by prestart: its hello is the one answer waiting
        elif self._process is not None and select.select([self._process.stdout], [], [], 0)[0]:
            self._kill()  # bytes nobody asked for (a forked process writing?): start clean
        if self._process is None:
            self._start()
        assert self._process is not None and self._process.stdin is not None
        self._calls += 1
        message = {**message, "call": self._calls}
        try:
            wire.write_message(self._process.stdin, wire.encode(message))
            answer = self._receive(timeout)
        except OSError:
            raise CandidateError(self._death()) from None
        except wire.WireError as error:
            self._kill()
            raise CandidateError(f"the process running it sent back something that is not a result ({error})") from None
        if answer.get("call", self._calls) != self._calls:
            self._kill()
            raise CandidateError("the process running it answered out of turn (a forked process?)")
        return answer

    def call(self, module: Path, name: str, args: tuple, kwargs: dict) -> Any:
        """Call ``name`` from the submission's ``module``; return its decoded result."""
        try:
            if self._module not in (None, str(module)):
                self._module = None
                self._exchange({"op": "release"}, STARTUP_SECONDS)  # a fresh process for the next exercise
            self._module = str(module)
            request = {"op": "call", "module": str(module), "name": name, "args": args, "kwargs": kwargs}
            answer = self._exchange(request, self.timeout)
        except CandidateError as error:
            self._module = None
            raise CandidateError(f"{name}: {error}") from None
        outcome = answer.get("outcome")
        if outcome == "returned":
            return answer.get("value")
        message = str(answer.get("message", ""))
        if outcome == "not attempted":
            raise NotAttempted(message)
        if outcome == "died":
            self._module = None
            raise CandidateError(f"{name}: {message}")
        original = answer.get("original") or []
        error = _original_error(list(original), str(answer.get("original_message", ""))) if original else None
        raise CandidateError(message, original=error)


def _safe_to_hide(path: Path) -> bool:
    """Whether laying an empty file system over ``path`` leaves Python and its packages reachable."""
    path = path.resolve()
    needed = [Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(__file__).resolve().parent]
    return path.is_dir() and not any(n == path or n.is_relative_to(path) for n in needed)
