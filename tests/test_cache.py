"""Work shared across candidates (``mlkata.cache``) and the grading host that keeps it warm."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlkata import cache, runner
from mlkata.layout import Exercise
from mlkata.runner import Implementation, Target, measuring_cpu
from tests.processes import needs_sandbox


@pytest.fixture
def kit(tmp_path):
    """A kit root holding one reference, with sharing configured in memory only; restored afterwards."""
    root = tmp_path / "kit"
    (root / "solutions/evaluation").mkdir(parents=True)
    (root / "solutions/evaluation/count.py").write_text("def count(values):\n    return len(values)\n")
    cache.configure(root, None)
    yield root
    cache.configure(root, None)


def counting(calls: list):
    def compute():
        calls.append(1)
        return {"answer": [1, 2, 3]}

    return compute


def test_work_is_done_once_per_arguments_and_every_caller_gets_its_own_copy(kit):
    calls = []
    first = cache.shared_call("grader.refit", ((4, "a"), {}), counting(calls))
    first["answer"].append("changed by the first caller")
    second = cache.shared_call("grader.refit", ((4, "a"), {}), counting(calls))
    other = cache.shared_call("grader.refit", ((5, "a"), {}), counting(calls))
    assert calls == [1, 1], "the same arguments computed twice, or different ones shared"
    assert second == other == {"answer": [1, 2, 3]}


def test_a_failure_is_not_remembered(kit):
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("first attempt fails")
        return 7

    with pytest.raises(RuntimeError):
        cache.shared_call("grader.flaky", (), flaky)
    assert cache.shared_call("grader.flaky", (), flaky) == 7
    assert len(attempts) == 2


def test_what_cannot_be_pickled_is_computed_every_time(kit):
    calls = []
    unpicklable = lambda: None  # noqa: E731
    for _ in range(2):
        cache.shared_call("grader.odd", (unpicklable,), counting(calls))
        cache.shared_call("grader.odd_result", (), lambda: calls.append(1) or (lambda: None))
    assert len(calls) == 4


def test_the_disk_cache_outlives_the_process_and_a_kit_change_invalidates_it(kit, tmp_path):
    folder = tmp_path / "cache"
    script = (
        "import sys; from pathlib import Path; from mlkata import cache\n"
        "cache.configure(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "cache.shared_call('grader.slow', (1,), lambda: print('computed') or 42)\n"
        "print(cache.statistics())\n"
    )

    def run() -> str:
        command = [sys.executable, "-c", script, str(kit), str(folder)]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    assert "computed" in run()
    assert "computed" not in run(), "a second process recomputed what the first had kept on disk"
    (kit / "solutions/evaluation/count.py").write_text("def count(values):\n    return len(values) + 0\n")
    assert "computed" in run(), "a changed kit read results made by the old one"


def test_a_damaged_entry_is_recomputed(kit, tmp_path):
    folder = tmp_path / "cache"
    cache.configure(kit, folder)
    cache.shared_call("grader.value", (2,), lambda: 3)
    for entry in folder.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle")
    cache.configure(kit, None)
    cache.configure(kit, folder)  # a new kit digest would clear memory; force reading the damaged file
    cache._store.memory.clear()
    assert cache.shared_call("grader.value", (2,), lambda: 4) == 4


def test_the_reference_is_shared_and_timed_for_real_until_its_time_is_known(kit, tmp_path, monkeypatch):
    log = tmp_path / "runs.log"
    monkeypatch.setenv("MLKATA_TEST_REFERENCE_LOG", str(log))
    (kit / "solutions/evaluation/add.py").write_text(SLOW_SOLUTION)
    cache.configure(kit, None)
    exercise = Exercise(root=kit, topic="evaluation", name="add")
    reference = Implementation(exercise, Target(label="solutions", root=kit / "solutions"), shared=True)

    def runs() -> int:
        return len(log.read_text().split()) if log.exists() else 0

    assert reference.add(1, 2) == reference.add(1, 2) == 3
    assert runs() == 1, "the reference's answer was computed twice for the same arguments"
    timings = []
    for _ in range(runner.TIMED_RUNS + 2):
        with measuring_cpu() as calls:
            assert reference.add(2, 2) == 4
        timings += calls
    assert runs() == 1 + runner.TIMED_RUNS, "a timed reference ran before its time was known, or after"
    assert len(timings) == runner.TIMED_RUNS + 2, "a timed call counted no CPU time"
    assert timings[-1] == timings[-2] == min(timings[: runner.TIMED_RUNS])
    cache._store.memory.clear()  # the answer evicted: computed again, and still counted at its known time
    with measuring_cpu() as calls:
        assert reference.add(2, 2) == 4
    assert runs() == 2 + runner.TIMED_RUNS and calls == [timings[-1]], "a recomputed answer's time counted too"
    with measuring_cpu():
        reference.add(3, 2)
    assert runs() == 3 + runner.TIMED_RUNS, "other arguments were not timed afresh"


def test_the_shared_decorator_keys_by_function_and_arguments(kit):
    calls = []

    @cache.shared
    def refit(choice, seed, *, rows=10):
        calls.append((choice, seed, rows))
        return seed * rows

    assert refit((("depth", 3),), 1) == refit((("depth", 3),), 1) == 10
    assert refit((("depth", 4),), 1) == 10
    assert refit((("depth", 3),), 1, rows=20) == 20
    assert len(calls) == 3


SLOW_SOLUTION = '''
"""Add two numbers, slowly for the reference (a toy exercise)."""


def add(a, b):
    """Return a + b."""
    ### BEGIN SOLUTION
    import os

    with open(os.environ["MLKATA_TEST_REFERENCE_LOG"], "a") as log:
        log.write(f"{os.getpid()}\\n")
    return a + b
    ### END SOLUTION
'''

SHARING_GRADER = '''
import os

import pytest

from mlkata import expect


@pytest.mark.points(1)
def test_agrees_with_the_reference(impl, reference, seed):
    """Does add agree with the reference?"""
    with open(os.environ["MLKATA_TEST_SESSION_LOG"], "a") as log:
        log.write(f"{os.getpid()}\\n")
    expect(impl.add(seed, 2) == reference.add(seed, 2), "add should add.")
'''


@pytest.mark.slow
@needs_sandbox
def test_a_sandboxed_cohort_is_graded_in_one_warm_host_per_job(tiny_kit, tmp_path):
    (tiny_kit / "solutions/evaluation/add.py").write_text(SLOW_SOLUTION)
    (tiny_kit / "graders/evaluation/test_add.py").write_text(SHARING_GRADER)
    cohort = tmp_path / "cohort"
    for name in ("ana", "ben", "cy"):
        (cohort / name / "evaluation").mkdir(parents=True)
        (cohort / name / "evaluation/add.py").write_text("def add(a, b):\n    return b + a\n")
    references, sessions = tmp_path / "references.log", tmp_path / "sessions.log"
    env = {**os.environ, "MLKATA_TEST_REFERENCE_LOG": str(references), "MLKATA_TEST_SESSION_LOG": str(sessions)}
    out = tmp_path / "grades"
    command = [sys.executable, "-m", "mlkata", "--root", str(tiny_kit), "grade", str(cohort), "--out", str(out)]
    run = subprocess.run([*command, "--seed", "3"], capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr
    assert len(set(sessions.read_text().split())) == 1, "each candidate paid for a grading process of its own"
    assert len(references.read_text().split()) == 1, "the reference's answer was computed for every candidate"
    for name in ("ana", "ben", "cy"):
        assert json.loads((out / name / "results.json").read_text())["exercises"][0]["earned"] == 1

    run = subprocess.run([*command, "--seed", "3", "--force"], capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr
    assert len(references.read_text().split()) == 1, "a second run did not reuse the cache kept in OUT"
    assert any(Path(out, cache.CACHE_FOLDER).iterdir())
