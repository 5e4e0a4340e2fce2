"""Run graders in a pytest subprocess and read back the records it writes."""

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


# the variables through which numpy's BLAS and scikit-learn's OpenMP code size their thread pools
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def run_graders(root: Path, graders: list[Path], options: list[str], *, threads: int | None = None) -> SessionResult:
    """Run ``graders`` in a fresh pytest process inside kit ``root``; return its records.

    A fresh process per session keeps one grading's imports, caches and crashes out of the next.
    ``threads`` caps the session's BLAS and OpenMP threads (unless the caller's environment already
    does): sessions run side by side should share the cores, not each spin up a pool the size of
    the machine (with two sessions on two cores that doubled the CPU time of boosting graders).
    """
    with tempfile.TemporaryDirectory(prefix="mlkata-") as scratch:
        results = Path(scratch, "results.json")
        command = [sys.executable, "-m", "pytest", *map(str, graders), *options]
        command += [f"--mlkata-results={results}", "-q", "--no-header", "-p", "no:cacheprovider"]
        # when hypothesis is installed, its plugin's end-of-run summary imports it: 0.8 s a session
        command += ["-p", "no:hypothesispytest"]
        # candidates' and libraries' warnings cost nothing and would clutter the log
        command += ["-W", "ignore"]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        if threads is not None:
            env = {**{name: str(threads) for name in THREAD_VARIABLES}, **env}
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
        document = json.loads(results.read_text(errors="replace")) if results.is_file() else {"exercises": []}
    records = records_from_document(document)
    return SessionResult(records, process.returncode, output, document.get("isolation", []))


_running: set[subprocess.Popen] = set()
_lock = threading.Lock()


def stop_all() -> int:
    """Stop every grading session under way in this process (their results are not kept); how many."""
    with _lock:
        running = list(_running)
    for process in running:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    return len(running)
