"""``mlkata grade --scheduler``: a cohort graded on a real dask.distributed cluster of two worker processes.

The cluster's workers find the kit through ``MLKATA_KIT``, as workers on other machines would; the
command is run as a grader runs it, and its gradebook compared with the same cohort graded by
``--jobs 2`` on this machine.
"""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import GRADER, SOLUTION
from tests.processes import needs_sandbox, restore_ctrl_c
from tests.test_grading_submissions import GOOD_DOUBLE, add_double_exercise, mlkata, write_submission

distributed = pytest.importorskip("distributed")

RIGHT = "def add(a, b):\n    return a + b\n"
WRONG = "def add(a, b):\n    return a - b\n"
TRUSTED = ("--isolation", "none")  # where the sandbox is not the point, as in the other cohort tests
SLOW = "import time\n\n\ndef add(a, b):\n    time.sleep(0.4)\n    return a + b\n"


def build_kit(root: Path) -> Path:
    """The engine tests' tiny kit (evaluation/add and evaluation/double), at ``root``."""
    from mlkata.stubs import make_stub

    files = {
        "pyproject.toml": '[tool.pytest.ini_options]\npythonpath = ["."]\nmlkata_graders = "graders"\n',
        "solutions/evaluation/add.py": SOLUTION,
        "exercises/evaluation/add.py": make_stub(SOLUTION),
        "graders/__init__.py": "",
        "graders/evaluation/__init__.py": "",
        "graders/evaluation/test_add.py": GRADER,
    }
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return add_double_exercise(root)


def start_cluster(kit: Path):
    return distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=":0",
        env={"MLKATA_KIT": str(kit)},
    )


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    return build_kit(tmp_path_factory.mktemp("kit"))


@pytest.fixture(scope="module")
def cluster(kit):
    with start_cluster(kit) as local:
        yield local


def gradebook(out: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((out / "gradebook.csv").read_text())))


def make_cohort(cohort: Path) -> Path:
    """Four candidates as a folder, a zip, a git repository, plus a zip that is refused."""
    write_submission(cohort / "alice", RIGHT)
    write_submission(cohort / "bob", WRONG, None)
    with zipfile.ZipFile(cohort / "carol.zip", "w") as bundle:
        bundle.writestr("carol/evaluation/add.py", RIGHT)
        bundle.writestr("carol/evaluation/double.py", GOOD_DOUBLE)
    with zipfile.ZipFile(cohort / "escapes.zip", "w") as bundle:
        bundle.writestr("../../evaluation/add.py", RIGHT)
    repository = cohort / "dave"
    write_submission(repository, RIGHT)
    git = ["git", "-c", "user.name=d", "-c", "user.email=d@example.com", "-C", str(repository)]
    for step in (["init", "-q"], ["add", "."], ["commit", "-qm", "answers"]):
        subprocess.run([*git, *step], check=True, capture_output=True)
    return cohort


@pytest.mark.slow
def test_a_cluster_grades_the_gradebook_two_jobs_do_and_resumes_like_them(kit, cluster, tmp_path):
    cohort = make_cohort(tmp_path / "cohort")
    here, there = tmp_path / "here", tmp_path / "there"
    common = ["--isolation", "none", "--seed", "7"]
    assert mlkata(kit, "grade", cohort, "--jobs", "2", "--out", here, *common).returncode == 0
    graded = mlkata(kit, "grade", cohort, "--scheduler", cluster.scheduler_address, "--out", there, *common)
    assert graded.returncode == 0, graded.stderr
    assert gradebook(there) == gradebook(here)
    rows = {row[0]: row for row in gradebook(there)[1:]}
    assert sorted(rows) == ["alice", "bob", "carol", "dave", "escapes"]
    assert "would land outside the submission" in rows["escapes"][-1]  # refused, with the reason
    assert rows["dave"][-2]  # the commit graded, as the client read it

    written = {p: p.stat().st_mtime_ns for p in there.glob("*/results.json")}
    resumed = mlkata(kit, "grade", cohort, "--scheduler", cluster.scheduler_address, "--out", there, *common[:2])
    assert resumed.returncode == 0, resumed.stderr
    assert "5 candidate(s) already graded with seed 7" in resumed.stderr
    assert {p: p.stat().st_mtime_ns for p in there.glob("*/results.json")} == written

    forced = mlkata(kit, "grade", cohort, "--scheduler", cluster.scheduler_address, "--out", there, "--force", *common)
    assert forced.returncode == 0, forced.stderr
    assert all(p.stat().st_mtime_ns != when for p, when in written.items())
    assert gradebook(there) == gradebook(here)


@pytest.mark.slow
@needs_sandbox
def test_sandboxed_workers_grade_the_gradebook_two_jobs_do(kit, cluster, tmp_path):
    cohort = tmp_path / "cohort"
    write_submission(cohort / "alice", RIGHT)
    write_submission(cohort / "bob", WRONG)
    here, there = tmp_path / "here", tmp_path / "there"
    assert mlkata(kit, "grade", cohort, "--jobs", "2", "--out", here, "--seed", "3").returncode == 0
    graded = mlkata(kit, "grade", cohort, "--scheduler", cluster.scheduler_address, "--out", there, "--seed", "3")
    assert graded.returncode == 0, graded.stderr
    assert gradebook(there) == gradebook(here)
    fences = json.loads((there / "alice/results.json").read_text())["isolation"]
    assert fences == json.loads((here / "alice/results.json").read_text())["isolation"]
    assert fences != ["in-process"]


def start_grading(kit: Path, cohort: Path, out: Path, address: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "mlkata", "--root", str(kit), "grade", str(cohort), "--out", str(out)]
    command += ["--scheduler", address, *TRUSTED, "--seed", "5"]
    return subprocess.Popen(
        command, cwd=kit, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=restore_ctrl_c
    )


def slow_cohort(cohort: Path, size: int) -> list[str]:
    names = [f"c{i}" for i in range(size)]
    for name in names:
        write_submission(cohort / name, SLOW)
    return names


@pytest.mark.slow
def test_a_worker_killed_mid_cohort_costs_nothing_graded(kit, cluster, tmp_path):
    names = slow_cohort(tmp_path / "cohort", 6)
    out = tmp_path / "out"
    grading = start_grading(kit, tmp_path / "cohort", out, cluster.scheduler_address)
    scheduler, busy = cluster.scheduler, []
    deadline = time.monotonic() + 60
    while not (busy and list(out.glob("*/results.json"))) and time.monotonic() < deadline:
        time.sleep(0.05)
        running = {address for address, worker in scheduler.workers.items() if worker.processing}
        busy = [nanny for nanny in cluster.workers.values() if nanny.worker_address in running]
    os.kill(busy[0].process.pid, signal.SIGKILL)  # in the middle of grading a candidate
    _, stderr = grading.communicate(timeout=120)
    assert grading.returncode == 0, stderr
    rows = gradebook(out)[1:]
    assert sorted(row[0] for row in rows) == names
    assert {row[-4] for row in rows} == {"7"}  # every candidate's full marks: 5 for add, 2 for double
    for name in names:  # each written once
        assert len([line for line in stderr.splitlines() if f" {name}: 7/7 " in line]) == 1
    cluster.wait_for_workers(2, timeout=60)  # the nanny restarts the worker for the tests that follow


@pytest.mark.slow
def test_ctrl_c_keeps_what_the_cluster_graded_and_a_rerun_resumes(kit, cluster, tmp_path):
    names = slow_cohort(tmp_path / "cohort", 6)
    out = tmp_path / "out"
    grading = start_grading(kit, tmp_path / "cohort", out, cluster.scheduler_address)
    deadline = time.monotonic() + 60
    while not list(out.glob("*/results.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(grading.pid, signal.SIGINT)
    _, stderr = grading.communicate(timeout=30)
    assert grading.returncode == 130 and "run again to resume" in stderr
    graded = sorted(p.parent.name for p in out.glob("*/results.json"))
    assert 1 <= len(graded) < 6
    for name in graded:  # whole documents, never half-written ones
        document = json.loads((out / name / "results.json").read_text())
        assert sum(e["earned"] for e in document["exercises"]) == 7
    rerun = mlkata(kit, "grade", tmp_path / "cohort", "--out", out, "--scheduler", cluster.scheduler_address, *TRUSTED)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(graded)} candidate(s) already graded" in rerun.stderr
    assert sorted(p.parent.name for p in out.glob("*/results.json")) == names


@pytest.mark.slow
def test_a_worker_with_another_kit_grades_nothing(kit, cluster, tmp_path):
    client_kit = build_kit(tmp_path / "kit")
    grader = client_kit / "graders/evaluation/test_double.py"
    grader.write_text(grader.read_text().replace("points(2)", "points(3)"))
    cohort = tmp_path / "cohort"
    write_submission(cohort / "alice", RIGHT)
    write_submission(cohort / "bob", RIGHT)
    out = tmp_path / "out"
    graded = mlkata(client_kit, "grade", cohort, "--scheduler", cluster.scheduler_address, "--out", out)
    assert graded.returncode == 1
    assert "grades with another kit than the client's" in graded.stderr
    assert "2 submission(s) could not be graded" in graded.stderr
    assert not list(out.glob("*/results.json"))


def test_without_the_extra_the_command_says_what_to_install(kit, tmp_path):
    shadow = tmp_path / "shadow/distributed"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError(\"No module named 'distributed'\")\n")
    write_submission(tmp_path / "cohort/alice", RIGHT)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shadow.parent), os.environ.get("PYTHONPATH", "")])}
    graded = mlkata(kit, "grade", tmp_path / "cohort", "--scheduler", "tcp://127.0.0.1:8786", env=env)
    assert graded.returncode == 2
    assert 'pip install "mlkata[cluster]"' in graded.stderr
    assert not (kit / "mlkata-grades").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--scheduler", "127.0.0.1"], "tcp://HOST:PORT"),
        (["--scheduler", "http://scheduler:8786"], "tcp://HOST:PORT"),
        (["--scheduler", "tcp://scheduler:8786", "--jobs", "2"], "--jobs"),
    ],
    ids=["no-port", "http", "with-jobs"],
)
def test_a_bad_scheduler_option_is_refused_before_grading(kit, tmp_path, arguments, message):
    write_submission(tmp_path / "cohort/alice", RIGHT)
    graded = mlkata(kit, "grade", tmp_path / "cohort", "--out", tmp_path / "out", *arguments)
    assert graded.returncode == 2
    assert graded.stderr.startswith("mlkata grade: ")
    assert message in graded.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_no_scheduler_at_the_address_is_a_clear_error(kit, tmp_path):
    write_submission(tmp_path / "cohort/alice", RIGHT)
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    graded = mlkata(
        kit, "grade", tmp_path / "cohort", "--scheduler", "tcp://127.0.0.1:9", "--out", tmp_path / "o", env=env
    )
    assert graded.returncode == 1
    assert "no Dask scheduler answered at tcp://127.0.0.1:9" in graded.stderr
