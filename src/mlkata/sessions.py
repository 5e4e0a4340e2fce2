"""Run graders in a pytest subprocess, or in a grading host that outlives it, and read back the records."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from mlkata.results import TestRecord, records_from_document


@dataclass(frozen=True)
class SessionResult:
    records: list[TestRecord]
    returncode: int
    output: str
    isolation: list[str]  # the fences that stood around candidate code ("in-process" when none)
    seconds: dict[str, float]  # in an audit: grading time by exercise id


# the variables through which numpy's BLAS and scikit-learn's OpenMP code size their thread pools
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def run_graders(
    root: Path, graders: list[Path], options: list[str], *, threads: int | None = None, reuse: bool = False
) -> SessionResult:
    """Run ``graders`` in a pytest session inside kit ``root``; return its records.

    By default the session is a fresh process, which keeps one grading's imports, caches and crashes
    out of the next. ``reuse`` runs it in this thread's grading host instead (``host.py``), which
    keeps them warm: only for sessions whose candidate code runs in the sandbox, never in the host.
    ``threads`` caps the session's BLAS and OpenMP threads (unless the caller's environment already
    does): sessions run side by side should share the cores, not each spin up a pool the size of
    the machine (with two sessions on two cores that doubled the CPU time of boosting graders).
    """
    with tempfile.TemporaryDirectory(prefix="mlkata-") as scratch:
        results = Path(scratch, "results.json")
        arguments = [*map(str, graders), *options]
        arguments += [f"--mlkata-results={results}", "-q", "--no-header", "-p", "no:cacheprovider"]
        # when hypothesis is installed, its plugin's end-of-run summary imports it: 0.8 s a session
        arguments += ["-p", "no:hypothesispytest"]
        # what a grading session never shows, and pays for: rewritten asserts (the plugin keeps only a
        # failure's message; rewriting compiled every grader and engine module anew, about a second)
        # and the hunt for unraisable exceptions at exit (two full garbage collections)
        arguments += ["--assert=plain", "-p", "no:unraisableexception"]
        # candidates' and libraries' warnings cost nothing and would clutter the log
        arguments += ["-W", "ignore"]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        if threads is not None:
            env = {**{name: str(threads) for name in THREAD_VARIABLES}, **env}
        if reuse:
            returncode, output = _host(root, env).run(arguments)
        else:
            returncode, output = _run_process([sys.executable, "-m", "pytest", *arguments], root, env)
        document = json.loads(results.read_text(errors="replace")) if results.is_file() else {"exercises": []}
    records = records_from_document(document)
    return SessionResult(records, returncode, output, document.get("isolation", []), document.get("seconds", {}))


def _run_process(command: list[str], root: Path, env: dict[str, str]) -> tuple[int, str]:
    # candidate text reaches the log (exception messages): bytes that are not UTF-8 must not stop the run;
    # a session of its own: Ctrl-C stops the caller, which then stops the sessions (stop_all)
    process = subprocess.Popen(
        command,
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        env=env,
        start_new_session=True,
    )
    with _lock:
        _running.add(process)
    try:
        output, _ = process.communicate()
    finally:
        with _lock:
            _running.discard(process)
    return process.returncode, output


class GradingHost:
    """A ``python -m mlkata.host`` process that runs session after session for one thread."""

    # a fresh host now and then: whatever a long run accumulates (sys.path entries, caches past
    # their use) stays bounded
    SESSIONS_PER_HOST = 200

    def __init__(self, root: Path, env: dict[str, str]):
        self.root, self.env = root, env
        self.sessions = 0
        # the host's own output (what escapes pytest), read back if it dies; open as long as the host lives
        self.log = tempfile.TemporaryFile("w+", prefix="mlkata-host-", errors="replace")  # noqa: SIM115
        read_end, write_end = os.pipe()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mlkata.host", f"--reply-fd={write_end}"],
                cwd=root,
                stdin=subprocess.PIPE,
                stdout=self.log,
                stderr=subprocess.STDOUT,
                text=True,
                env=env,
                pass_fds=(write_end,),
                start_new_session=True,
            )
        finally:
            os.close(write_end)
        self.replies = os.fdopen(read_end, encoding="utf-8", errors="replace")
        with _lock:
            _running.add(self.process)

    def usable(self, root: Path, env: dict[str, str]) -> bool:
        fresh = self.sessions < self.SESSIONS_PER_HOST
        return fresh and self.process.poll() is None and (root, env) == (self.root, self.env)

    def run(self, arguments: list[str]) -> tuple[int, str]:
        """One session's exit code and output; a host that died answers with its signal and log."""
        self.sessions += 1
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps({"args": arguments}) + "\n")
            self.process.stdin.flush()
            line = self.replies.readline()
        except (OSError, ValueError):
            line = ""
        if not line:  # the host died (killed, out of memory): this session is lost, the next gets a new host
            self.log.seek(0)
            output = self.log.read()[-20_000:]
            self.close()
            return (self.process.returncode or -1), output
        reply = json.loads(line)
        return int(reply["returncode"]), str(reply["output"])

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        with _lock:
            _running.discard(self.process)
            if self in _all_hosts:
                _all_hosts.remove(self)
        with contextlib.suppress(OSError):
            self.replies.close()
        self.log.close()


_hosts = threading.local()
_all_hosts: list[GradingHost] = []


def _host(root: Path, env: dict[str, str]) -> GradingHost:
    host = getattr(_hosts, "host", None)
    if host is None or not host.usable(root, env):
        if host is not None:
            host.close()
        host = _hosts.host = GradingHost(root, env)
        with _lock:
            _all_hosts.append(host)
    return host


def close_hosts() -> None:
    """End every grading host this process started (they would end with it anyway)."""
    with _lock:
        hosts = list(_all_hosts)
        _all_hosts.clear()
    for host in hosts:
        host.close()


_running: set[subprocess.Popen] = set()
_lock = threading.Lock()


def stop_all() -> int:
    """Stop every grading session and host under way in this process (their results are not kept); how many."""
    with _lock:
        running = list(_running)
    for process in running:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    return len(running)
