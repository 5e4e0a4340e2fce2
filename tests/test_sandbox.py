"""The bubblewrap box candidate code runs in: what stands is checked from inside, candidates share
nothing, the grader never waits on a candidate without a deadline, and there is no silent fallback."""

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from mlkata import sandbox
from mlkata.checks import cpu_time
from mlkata.isolation import REQUIRED_FENCES, Worker, WorkerFailure
from mlkata.runner import CandidateError
from tests.processes import needs_sandbox
from tests.test_grading_submissions import add_double_exercise, mlkata, results, write_submission

pytestmark = pytest.mark.slow


@contextlib.contextmanager
def boxed(submission: Path, *, secrets=(), timeout: float = 10):
    """A sandboxed worker for ``submission``, closed afterwards."""
    worker = Worker(submission, secrets=list(secrets), timeout=timeout, memory_mb=1024)
    try:
        yield worker
    finally:
        worker.close()


# written by one candidate, looked for by the next: every place two processes of a machine can meet
# without a network (files in shared folders, System V shared memory, the kernel's keyrings)
LEAVES_TOKENS = r"""
import ctypes
import os

TOKEN = b"mlkata-token"


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def add(a, b):
    for folder in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/run"):
        try:
            with open(os.path.join(folder, "mlkata-token"), "wb") as sink:
                sink.write(TOKEN)
        except OSError:
            pass
    libc = _libc()
    segment = libc.shmget(0x6D6C6B61, 4096, 0o1666)  # IPC_CREAT | 0666
    if segment >= 0:
        libc.shmat.restype = ctypes.c_void_p
        address = libc.shmat(segment, None, 0)
        if address not in (None, ctypes.c_void_p(-1).value):
            ctypes.memmove(address, TOKEN, len(TOKEN))
    for keyring in (-4, -5, -3):  # the user, user session and session keyrings
        libc.syscall(248, b"user", b"mlkata-token", TOKEN, len(TOKEN), keyring)  # add_key on x86-64
    return a + b
"""

FINDS_TOKENS = r"""
import ctypes
import os


def _found():
    for folder in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/run"):
        if os.path.exists(os.path.join(folder, "mlkata-token")):
            return True
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.shmget(0x6D6C6B61, 0, 0) >= 0:
        return True
    return libc.syscall(249, b"user", b"mlkata-token", None, 0) >= 0  # request_key on x86-64


def add(a, b):
    return a + b if _found() else a - b - 1
"""


@pytest.fixture
def kit(tiny_kit):
    return add_double_exercise(tiny_kit)


@needs_sandbox
def test_candidates_share_nothing_across_a_cohort_or_across_runs(kit, tmp_path):
    cohort = tmp_path / "cohort"
    write_submission(cohort / "a_leaves_tokens", LEAVES_TOKENS)
    write_submission(cohort / "b_finds_tokens", FINDS_TOKENS)
    out = tmp_path / "grades"
    run = mlkata(kit, "grade", cohort, "--jobs", "1", "--out", out, "--seed", "7")
    assert run.returncode == 0, run.stderr
    writer = results(out, "a_leaves_tokens")["evaluation/add"]
    assert writer["earned"] == writer["possible"], "the writer's add is correct: its tokens were left"
    finder = results(out, "b_finds_tokens")["evaluation/add"]
    assert finder["earned"] == 0, "a candidate found what an earlier candidate left behind"
    again = mlkata(kit, "grade", cohort / "b_finds_tokens", "--seed", "7", "--json", tmp_path / "again.json")
    assert again.returncode == 0, again.stderr  # a separate run on the same machine finds nothing either
    [add] = [e for e in json.loads((tmp_path / "again.json").read_text())["exercises"] if e["id"] == "evaluation/add"]
    assert add["earned"] == 0
    assert not any(Path(p, "mlkata-token").exists() for p in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/run"))


@needs_sandbox
def test_a_worker_that_stops_itself_cannot_block_the_grader(tmp_path):
    (tmp_path / "evaluation").mkdir()
    (tmp_path / "evaluation/echo.py").write_text(
        "import os\nimport signal\nimport threading\n\n\n"
        "def _stop():\n    os.kill(os.getppid(), signal.SIGSTOP)\n    os.kill(os.getpid(), signal.SIGSTOP)\n\n\n"
        "def echo(x):\n    threading.Timer(0.2, _stop).start()\n    return len(x)\n"
    )
    with boxed(tmp_path, timeout=3) as worker:
        assert worker.call(Path("evaluation/echo.py"), "echo", ([1, 2],), {}) == 2
        time.sleep(0.5)
        with pytest.raises(CandidateError, match="wall-clock limit"):
            worker.call(Path("evaluation/echo.py"), "echo", (np.zeros(4 << 20),), {})  # 32 MB: more than a pipe holds
        with pytest.raises(CandidateError, match="not run, because an earlier call"):
            worker.call(Path("evaluation/echo.py"), "echo", ([1],), {})
        assert worker._process is None, "after a time-out the exercise's other calls fail without a worker"


@needs_sandbox
def test_fences_are_those_seen_from_inside(tmp_path):
    (tmp_path / "evaluation").mkdir()
    (tmp_path / "evaluation/who.py").write_text(
        "import os\n\n\ndef who():\n"
        "    return [os.getuid(), sorted(os.listdir('/')), os.path.exists(os.environ.get('HOME', '') + '/x')]\n"
    )
    repository = Path(__file__).resolve().parents[1]
    with boxed(tmp_path, secrets=[repository / "solutions", tmp_path]) as worker:
        uid, top, _ = worker.call(Path("evaluation/who.py"), "who", (), {})
        assert set(REQUIRED_FENCES) <= set(worker.fences), worker.fences
    assert uid == sandbox.INSIDE_UID
    assert "submission" in top and {"home", "var", "run", "srv", "mnt"}.isdisjoint(top), top
    # a secret the box does show: the worker must report the breach, and no candidate code is run
    with (
        boxed(tmp_path, secrets=[Path("/dev/null")]) as shown,
        pytest.raises(WorkerFailure, match="answer key out of sight"),
    ):
        shown.call(Path("evaluation/who.py"), "who", (), {})


def test_grading_refuses_without_the_sandbox_unless_told_otherwise(kit, tmp_path):
    submission = tmp_path / "alice"
    write_submission(submission, "def add(a, b):\n    return a + b\n")
    empty = tmp_path / "bin"
    empty.mkdir()
    environment = {**os.environ, "PATH": str(empty)}
    command = [sys.executable, "-m", "mlkata", "--root", str(kit), "grade", str(submission), "--seed", "3"]
    refused = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert refused.returncode == 2
    [line] = refused.stderr.strip().splitlines()
    assert "bubblewrap" in line and "apt-get install bubblewrap" in line and "--isolation none" in line
    trusted = subprocess.run([*command, "--isolation", "none"], capture_output=True, text=True, env=environment)
    assert trusted.returncode == 0, trusted.stderr


# ten processes of 150 MB each, alive at once: 1.5 GB, which no single process's limit stops
HOARDS_IN_PROCESSES = r"""
import os
import time


def add(a, b):
    report, reported = os.pipe()
    release, released = os.pipe()
    children = []
    for _ in range(10):
        child = os.fork()
        if child == 0:
            os.close(released)
            hoard = bytearray(150 << 20)
            for i in range(0, len(hoard), 4096):
                hoard[i] = 1
            os.write(reported, b"1")
            os.read(release, 1)  # hold the memory until every child holds its own
            os._exit(0)
        children.append(child)
    os.close(reported)
    os.set_blocking(report, False)
    held, deadline = 0, time.monotonic() + 2
    while time.monotonic() < deadline and held < 10:
        try:
            held += len(os.read(report, 10))
        except BlockingIOError:
            time.sleep(0.05)
    os.close(released)
    survived = sum(os.waitpid(child, 0)[1] == 0 for child in children)  # none killed while it held
    return a + b if held == survived == 10 else a - b - 1
"""


@needs_sandbox
def test_memory_is_capped_per_candidate_not_per_process(kit, tmp_path):
    write_submission(tmp_path / "hoarder", HOARDS_IN_PROCESSES)
    run = mlkata(kit, "grade", tmp_path / "hoarder", "--memory", "1024", "--seed", "9", "--json", tmp_path / "r.json")
    assert run.returncode == 0, run.stderr
    document = json.loads((tmp_path / "r.json").read_text())
    if not any(fence.startswith("cgroup memory") for fence in document["isolation"]):
        pytest.skip("this machine lets the grader make no cgroup: memory is capped per process only")
    [add] = [e for e in document["exercises"] if e["id"] == "evaluation/add"]
    assert add["earned"] == 0, [t["message"] for t in add["tests"]]


@needs_sandbox
def test_a_sandboxed_calls_cpu_time_is_measured_by_its_worker(tmp_path):
    (tmp_path / "evaluation").mkdir()
    (tmp_path / "evaluation/spin.py").write_text(
        "import time\n\n\ndef spin(seconds):\n    time.sleep(0.3)\n    until = time.process_time() + seconds\n"
        "    while time.process_time() < until:\n        pass\n    return seconds\n"
    )
    with boxed(tmp_path) as worker:
        worker.call(Path("evaluation/spin.py"), "spin", (0.0,), {})  # started and imported outside the measurement
        spent = cpu_time(lambda: worker.call(Path("evaluation/spin.py"), "spin", (0.2,), {}))
    assert 0.15 < spent < 0.3, "neither the sleep nor the channel to the worker may count"


@needs_sandbox
def test_what_a_sandboxed_call_does_to_its_arguments_comes_back_to_the_grader(tmp_path):
    (tmp_path / "evaluation").mkdir()
    (tmp_path / "evaluation/sorts.py").write_text("def sorts(values):\n    values.sort()\n    return len(values)\n")
    with boxed(tmp_path) as worker:
        answer = worker.call(Path("evaluation/sorts.py"), "sorts", ([3, 1, 2],), {}, with_arguments=True)
    assert answer == {"result": 3, "args": [[1, 2, 3]], "kwargs": {}}
