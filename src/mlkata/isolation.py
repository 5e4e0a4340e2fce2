"""Running candidate code in a worker process, so that graders and answer keys never share a process with it.

A :class:`Worker` copies the submission to a scratch folder and starts ``python -I -m mlkata.worker``
inside a bubblewrap box (:mod:`mlkata.sandbox`): an allow-list of what the candidate's process sees.
It sends each call as :mod:`mlkata.wire` frames and decodes the answer without unpickling anything;
every write to and read from the worker has a deadline. A call that outlives its wall-clock limit,
or a worker that dies, costs that call (the grader reports it as the candidate's error); after a
time-out the exercise's remaining calls fail at once, and the next exercise gets a fresh worker.
There is no fallback: where the box cannot be built, grading stops with what to install.
"""

from __future__ import annotations

import argparse
import builtins
import contextlib
import math
import os
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mlkata import sandbox
from mlkata.runner import CandidateError, NotAttempted, record_cpu

ISOLATIONS = ("process", "none")  # where candidate code runs: a sandboxed worker, or the grading process
DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 2048
STARTUP_SECONDS = 60.0
MAX_ANSWER_TREE_BYTES = 16 << 20  # the JSON part of one answer; its arrays may be larger
MAX_ANSWER_BYTES = 512 << 20
# the fences a worker must report from inside its box before it is given any candidate code
REQUIRED_FENCES = ("answer key out of sight", "no network", "unprivileged", "read-only system")
_BOOTSTRAP = (
    "import sys; sys.path[:0] = sys.argv[1].split(':'); from mlkata.worker import main; sys.exit(main(sys.argv[2:]))"
)


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
        help="'process' (default): candidate code runs in a bubblewrap sandbox; 'none': in the grading process "
        "(fast, for your own, trusted code)",
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


def copy_plain_files(source: Path, destination: Path) -> None:
    """Copy the regular files and folders under ``source`` (links, pipes and devices are left out),
    readable by the box's user whatever their modes were."""
    destination.mkdir(parents=True, exist_ok=True)
    os.chmod(destination, 0o755)
    if not source.is_dir():
        return
    for entry in os.scandir(source):
        info = entry.stat(follow_symlinks=False)
        target = destination / entry.name
        if stat.S_ISDIR(info.st_mode):
            copy_plain_files(Path(entry.path), target)
        elif stat.S_ISREG(info.st_mode) and entry.name != "__pycache__":
            shutil.copyfile(entry.path, target, follow_symlinks=False)
            os.chmod(target, 0o644)


class Worker:
    """One submission's worker process in its box, restarted after a death or a timeout."""

    def __init__(
        self,
        submission: Path,
        *,
        secrets: list[Path],
        timeout: float = DEFAULT_TIMEOUT,
        memory_mb: int = DEFAULT_MEMORY_MB,
    ):
        self.submission = submission
        # the box's own folders (its /tmp, say) stand where a secret's parent may: what matters is
        # that the secret itself is absent, and its ancestors are not what the box shows of them
        shown = sandbox.box_paths()
        self.secrets = [p.resolve() for p in secrets if not any(b.is_relative_to(p.resolve()) for b in shown)]
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.fences: list[str] = []
        self._process: subprocess.Popen | None = None
        self._scratch: Path | None = None
        self._module: str | None = None  # the exercise whose process is live in the worker
        self._timed_out: set[str] = set()  # exercises with a call that did not return in time
        self._calls = 0
        self._starting = False  # begun by prestart, its hello not read yet
        self._uid: sandbox.UidLease | None = None
        self._cgroup: sandbox.Cgroup | None = None

    # -- life cycle -------------------------------------------------------------------------
    def _fresh_scratch(self) -> Path:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
        self._scratch = Path(tempfile.mkdtemp(prefix="mlkata-scratch-"))
        copy_plain_files(self.submission, self._scratch)
        return self._scratch

    def _command(self, scratch: Path) -> list[str]:
        if self._uid is None:
            self._uid = sandbox.UidLease()
        if self._cgroup is None:
            self._cgroup = sandbox.Cgroup(self.memory_mb)
        worker = [sys.executable, "-I", "-c", _BOOTSTRAP, ":".join([sandbox.ENGINE, *sandbox.package_folders()])]
        worker += [f"--memory={self.memory_mb}", f"--cpu={self.timeout:g}", f"--probe-port={sandbox.probe_port()}"]
        worker += [f"--secret={p}" for p in self.secrets]
        if self._uid.uid is not None:
            worker.append(f"--process-limit={sandbox.PROCESS_LIMIT}")  # a uid of its own: the count is the candidate's
        boxed = sandbox.box_command(worker, scratch=scratch, uid=self._uid.uid)
        return self._cgroup.enter_command() + boxed

    def prestart(self) -> None:
        """Begin starting the worker, so that its imports overlap the grader's own set-up."""
        if self._process is not None:
            return
        exposed = sandbox.exposed_secrets(self.secrets)
        if exposed:
            raise WorkerFailure("the sandbox cannot hide the answer key: " + "; ".join(exposed))
        scratch = self._fresh_scratch()
        self._process = subprocess.Popen(
            self._command(scratch),
            cwd="/",
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self._starting = True

    def _start(self) -> None:
        """Wait for the worker begun by prestart (beginning it if need be), and check the fences it reports."""
        from mlkata import wire  # numpy and pandas, loaded when a worker is first used

        self.prestart()
        self._starting = False
        try:
            hello = self._receive(STARTUP_SECONDS)
        except (CandidateError, wire.WireError) as error:
            hello = {"outcome": "broken", "message": str(error)}
        if hello.get("outcome") != "ready":
            reason = self._stderr() or str(hello.get("message", hello))
            self._kill()
            raise WorkerFailure(f"the sandbox did not start: {reason}")
        fences = [str(f) for f in hello.get("fences", [])]
        missing = [f for f in REQUIRED_FENCES if f not in fences]
        if missing:
            self._kill()
            raise WorkerFailure(f"the sandbox started without these fences: {', '.join(missing)}")
        own_uid = ["a uid of its own"] if self._uid is not None and self._uid.uid is not None else []
        cgroup = self._cgroup.fences if self._cgroup is not None else []
        self.fences = [f"bubblewrap sandbox ({sandbox.check_available()})", *own_uid, *cgroup, *fences]

    def _stderr(self) -> str:
        """What bwrap or the interpreter said before the worker's own channel opened (a box that failed)."""
        if self._process is None or self._process.stderr is None:
            return ""
        with contextlib.suppress(OSError):
            if select.select([self._process.stderr], [], [], 0.5)[0]:
                return os.read(self._process.stderr.fileno(), 4096).decode(errors="replace").strip()
        return ""

    def _kill(self) -> None:
        process, self._process = self._process, None
        self._starting = False
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def close(self) -> None:
        """Stop the worker and delete its scratch folder and cgroup."""
        self._kill()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
        if self._cgroup is not None:
            self._cgroup.remove()
            self._cgroup = None
        if self._uid is not None:
            self._uid.release()
            self._uid = None

    # -- calls ------------------------------------------------------------------------------
    def _write_all(self, payload: bytes, deadline: float) -> None:
        """Write ``payload`` to the worker, giving up at ``deadline`` (a stopped worker reads nothing)."""
        assert self._process is not None and self._process.stdin is not None
        fd = self._process.stdin.fileno()
        os.set_blocking(fd, False)
        view = memoryview(payload)
        while view:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([], [fd], [], wait)[1]:
                raise TimeoutError
            with contextlib.suppress(BlockingIOError):
                view = view[os.write(fd, view[: 1 << 20]) :]

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

    def _receive(self, timeout: float, *, deadline: float | None = None) -> dict:
        from mlkata import wire  # numpy and pandas, loaded when a worker is first used

        deadline = deadline if deadline is not None else time.monotonic() + timeout
        try:
            header = self._read_exact(8, deadline)
            length = int.from_bytes(header, "big")
            if length > MAX_ANSWER_BYTES:
                raise wire.WireError(f"an answer of {length} bytes (at most {MAX_ANSWER_BYTES >> 20} MB are read)")
            frame = self._read_exact(length, deadline)
            answer = wire.decode(frame, max_tree_bytes=MAX_ANSWER_TREE_BYTES, deadline=deadline)
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
        leaves no worker behind (the next call starts a fresh one). Writing, reading and decoding
        share one deadline."""
        from mlkata import wire  # numpy and pandas, loaded when a worker is first used

        if self._starting:
            self._start()  # begun by prestart: its hello is the one answer waiting
        elif self._process is not None and select.select([self._process.stdout], [], [], 0)[0]:
            self._kill()  # bytes nobody asked for (a forked process writing?): start clean
        if self._process is None:
            self._start()
        self._calls += 1
        deadline = time.monotonic() + timeout
        try:
            self._write_all(wire.frame(wire.encode({**message, "call": self._calls})), deadline)
            answer = self._receive(timeout, deadline=deadline)
        except TimeoutError:
            self._kill()
            raise CandidateError(
                f"it did not take its input within {timeout:g} seconds (the wall-clock limit)"
            ) from None
        except OSError:
            raise CandidateError(self._death()) from None
        except wire.WireError as error:
            self._kill()
            raise CandidateError(f"the process running it sent back something that is not a result ({error})") from None
        if answer.get("call", self._calls) != self._calls:
            self._kill()
            raise CandidateError("the process running it answered out of turn (a forked process?)")
        return answer

    def call(self, module: Path, name: str, args: tuple, kwargs: dict, *, with_arguments: bool = False) -> Any:
        """Call ``name`` from the submission's ``module``; return its decoded result (with
        ``with_arguments``: a dict of the result and the arguments as the call left them)."""
        if str(module) in self._timed_out:
            raise CandidateError(
                f"{name}: not run, because an earlier call of this exercise did not return within "
                f"{self.timeout:g} seconds (the wall-clock limit)"
            )
        try:
            if self._module not in (None, str(module)):
                self._module = None
                self._exchange({"op": "release"}, STARTUP_SECONDS)  # a fresh process for the next exercise
            self._module = str(module)
            request = {"op": "call", "module": str(module), "name": name, "args": args, "kwargs": kwargs}
            if with_arguments:
                request["with_arguments"] = True
            answer = self._exchange(request, self.timeout)
        except CandidateError as error:
            if self._process is None and "wall-clock limit" in str(error):
                self._timed_out.add(str(module))
            self._module = None
            raise CandidateError(f"{name}: {error}") from None
        outcome = answer.get("outcome")
        if outcome == "returned":
            cpu = answer.get("cpu")
            if isinstance(cpu, float) and 0 <= cpu < math.inf:
                record_cpu(cpu)
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
