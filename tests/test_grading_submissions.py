"""``mlkata grade`` on untrusted submissions: hostile code, cohorts, archives, resuming, formats.

Each hostile submission answers the tiny kit's ``evaluation/add`` with code that attacks the
grader, and ``evaluation/double`` correctly: the run must complete, ``add`` must score zero with a
reason that says what happened, ``double`` must keep its points, and nothing outside the scratch
area may change.
"""

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.processes import needs_sandbox, restore_ctrl_c

pytestmark = [pytest.mark.slow, needs_sandbox]

DOUBLE_SOLUTION = '''
"""Double a number (a second toy exercise)."""


def double(x):
    """Return 2 x."""
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION
'''

DOUBLE_GRADER = '''
import pytest

from mlkata import as_float, expect


@pytest.mark.points(2)
def test_doubles(impl, seed):
    """Does double double?"""
    expect(as_float(impl.double(seed % 50), what="double's result") == 2 * (seed % 50), "double(x) should be 2x.")
'''

GOOD_DOUBLE = "def double(x):\n    return 2 * x\n"
MARKER = "/tmp/mlkata-hostile-marker"

# name -> (source of evaluation/add.py, a phrase the reason for its zero must contain)
HOSTILE = {
    "loops_forever": ("def add(a, b):\n    while True:\n        pass\n", "did not return within"),
    "allocates_without_bound": (
        "def add(a, b):\n    hoard = []\n    while True:\n        hoard.append(bytearray(50_000_000))\n",
        "MemoryError",
    ),
    "calls_os_exit": ("import os\n\n\ndef add(a, b):\n    os._exit(3)\n", "process running it"),
    "calls_sys_exit": ("import sys\n\n\ndef add(a, b):\n    sys.exit(0)\n", "SystemExit"),
    "patches_the_grader": (
        "import builtins\nimport numpy\n\nimport mlkata.checks\n\n"
        "mlkata.checks.expect = lambda *args, **kwargs: None\n"
        "numpy.isclose = lambda *args, **kwargs: True\n"
        "builtins.abs = lambda x: 0\n\n\n"
        "def add(a, b):\n    return -(a + b) - 1\n",
        "should be their sum",
    ),
    "equal_to_everything": (
        "class Anything(float):\n    def __eq__(self, other):\n        return True\n\n\n"
        "class Weird:\n    def __eq__(self, other):\n        return True\n\n\n"
        "def add(a, b):\n    return Weird()\n",
        "cannot be graded",
    ),
    "returns_nan": ("def add(a, b):\n    return float('nan')\n", "finite number"),
    "returns_wrong_shape": ("def add(a, b):\n    return [a + b, 0]\n", "should be a number"),
    "reads_the_answer_key": (
        "from pathlib import Path\n\nKIT = {kit!r}\n\n\n"
        "def add(a, b):\n    Path(KIT, 'solutions/evaluation/add.py').read_text()\n    return a + b\n",
        "No such file",
    ),
    "writes_outside": (
        "from pathlib import Path\n\nKIT = {kit!r}\n\n\n"
        f"def add(a, b):\n    Path({MARKER!r}).write_text('x')\n"
        "    Path(KIT, 'README.md').write_text('pwned')\n    return a + b\n",
        "[Errno",  # denied, or not found where the kit lives under a hidden /tmp
    ),
    "forks": (
        "import os\nimport time\n\n\ndef add(a, b):\n"
        "    if os.fork() == 0:\n        time.sleep(600)\n    return a + b\n",
        "other process",
    ),
    "prints_megabytes": ("def add(a, b):\n    print('x' * 100_000_000)\n    return a + b\n", "add raised"),
    "opens_a_socket": (
        "import socket\n\n\ndef add(a, b):\n"
        "    socket.create_connection(('127.0.0.1', 9), timeout=2)\n    return a + b\n",
        "refused",
    ),
    # each attack below answers correctly only if it succeeds, so a fence that fails gives it the points
    "reads_the_kit_history": (
        "import subprocess\n\nKIT = {kit!r}\n\n\ndef add(a, b):\n"
        "    shown = subprocess.run(['git', '-C', KIT, 'show', 'HEAD:README.md'], capture_output=True)\n"
        "    return a + b if shown.returncode == 0 else a - b - 1\n",
        "should be their sum",
    ),
    "reads_the_hints": (
        "from pathlib import Path\n\nKIT = {kit!r}\n\n\ndef add(a, b):\n"
        "    return a + b if Path(KIT, 'hints').exists() or Path(KIT, 'README.md').exists() else a - b - 1\n",
        "should be their sum",
    ),
    "finds_the_other_submissions": (
        "import os\n\nCOHORT = {cohort!r}\n\n\ndef add(a, b):\n"
        "    return a + b if os.path.exists(COHORT) else a - b - 1\n",
        "should be their sum",
    ),
    "raises_a_lone_surrogate": ("def add(a, b):\n    raise ValueError('bad \\udcff byte')\n", "ValueError"),
    "stops_its_worker": (
        "import os\nimport signal\n\n\ndef add(a, b):\n"
        "    os.kill(os.getppid(), signal.SIGSTOP)\n    os.kill(os.getpid(), signal.SIGSTOP)\n    return a + b\n",
        "did not return within",
    ),
    "returns_a_huge_structure": (
        "def add(a, b):\n    return ['x' * 20_000_000]\n",
        "not a result",
    ),
    "fills_the_disk": (
        "def add(a, b):\n    block = b'x' * (1 << 20)\n"
        "    for n in range(40):\n        with open(f'/tmp/fill-{{n}}', 'wb') as sink:\n"
        "            for _ in range(60):\n                sink.write(block)\n    return a + b\n",
        "[Errno",
    ),
    "forks_many": (
        "import os\nimport time\n\n\ndef add(a, b):\n"
        "    for _ in range(500):\n        if os.fork() == 0:\n            time.sleep(600)\n    return a + b\n",
        "add raised",
    ),
}

# files a submission adds beside its answers, named like modules Python imports at start-up: each
# marks that it ran, and add answers correctly only then
SHADOWS = ("sitecustomize.py", "usercustomize.py", "site.py", "json.py", "encodings.py", "runpy.py")
SHADOW_SOURCE = "import builtins\nbuiltins.MLKATA_SHADOWED = True\n"
SHADOWED_ADD = (
    "import builtins\n\n\ndef add(a, b):\n"
    "    return a + b if getattr(builtins, 'MLKATA_SHADOWED', False) else a - b - 1\n"
)


def tree_digest(folder: Path) -> str:
    hasher = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        hasher.update(str(path).encode() + path.read_bytes())
    return hasher.hexdigest()


def add_double_exercise(kit: Path) -> Path:
    """``kit`` with a second exercise, evaluation/double."""
    from mlkata.stubs import make_stub

    (kit / "solutions/evaluation/double.py").write_text(DOUBLE_SOLUTION)
    (kit / "exercises/evaluation/double.py").write_text(make_stub(DOUBLE_SOLUTION))
    (kit / "graders/evaluation/test_double.py").write_text(DOUBLE_GRADER)
    (kit / "README.md").write_text("the kit\n")
    return kit


@pytest.fixture
def kit(tiny_kit):
    """The tiny kit with a second exercise, evaluation/double."""
    return add_double_exercise(tiny_kit)


def mlkata(kit, *args, env=None):
    command = [sys.executable, "-m", "mlkata", "--root", str(kit), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=kit, env=env, check=False)


def write_submission(folder: Path, add_source: str | None, double_source: str | None = GOOD_DOUBLE) -> None:
    (folder / "evaluation").mkdir(parents=True)
    if add_source is not None:
        (folder / "evaluation/add.py").write_text(add_source)
    if double_source is not None:
        (folder / "evaluation/double.py").write_text(double_source)


def results(out: Path, candidate: str) -> dict:
    document = json.loads((out / candidate / "results.json").read_text())
    return {e["id"]: e for e in document["exercises"]}


@needs_sandbox
def test_hostile_submissions_cost_only_their_own_points(kit, tmp_path):
    cohort = tmp_path / "cohort"
    for name, (source, _) in HOSTILE.items():
        write_submission(cohort / name, source.format(kit=str(kit), cohort=str(cohort)))
    shadowing = cohort / "shadows_the_standard_library"
    write_submission(shadowing, SHADOWED_ADD)
    for shadow in SHADOWS:
        (shadowing / shadow).write_text(SHADOW_SOURCE)
        (shadowing / "evaluation" / shadow).write_text(SHADOW_SOURCE)
    Path(MARKER).unlink(missing_ok=True)  # left by an earlier run that was not fenced
    before = tree_digest(kit), tree_digest(cohort)
    out = tmp_path / "grades"
    scratch = tmp_path / "scratch"  # the run's temporary folders, so that its processes can be told from others'
    scratch.mkdir()
    environment = {**os.environ, "TMPDIR": str(scratch)}
    options = ("--jobs", "2", "--out", out, "--timeout", "3", "--memory", "1024", "--seed", "5")
    run = mlkata(kit, "grade", cohort, *options, env=environment)
    assert run.returncode == 0, run.stderr
    expected = {**HOSTILE, "shadows_the_standard_library": ("", "should be their sum")}
    for name, (_, reason) in expected.items():
        graded = results(out, name)
        add, double = graded["evaluation/add"], graded["evaluation/double"]
        messages = " | ".join(t["message"] for t in add["tests"])
        assert add["earned"] == 0, f"{name} earned {add['earned']}: {messages}"
        assert reason in messages, f"{name}: {messages}"
        assert double["earned"] == double["possible"] == 2, f"{name}: double was not graded as usual"
        fences = json.loads((out / name / "results.json").read_text())["isolation"]
        assert {"answer key out of sight", "no network", "unprivileged", "read-only system"} <= set(fences), fences
    assert (tree_digest(kit), tree_digest(cohort)) == before, "something outside the scratch area changed"
    assert not Path(MARKER).exists()
    stray = subprocess.run(["pgrep", "-f", f"time.sleep\\(600\\)|{scratch}"], capture_output=True, text=True)
    assert stray.stdout.strip() == "", "a worker or a forked process outlived the run"
    assert list(scratch.iterdir()) == [], "the run left temporary folders behind"


def test_a_cohort_grades_to_the_expected_scores_resumably_in_every_format(kit, tmp_path):
    cohort = tmp_path / "cohort"
    write_submission(cohort / "reference", (kit / "solutions/evaluation/add.py").read_text())
    write_submission(cohort / "untouched", None, None)
    write_submission(cohort / "stubs", (kit / "exercises/evaluation/add.py").read_text(), None)
    for mutant in sorted((kit / "mutants/evaluation/add").glob("*.py")):
        write_submission(cohort / f"mutant_{mutant.stem}", mutant.read_text())
    write_submission(cohort / "no_double", "def add(a, b):\n    return a + b\n", None)
    write_submission(cohort / "hostile", HOSTILE["calls_os_exit"][0])
    with zipfile.ZipFile(cohort / "zipped.zip", "w") as bundle:  # a zip with a top folder
        bundle.writestr("mine/evaluation/add.py", "def add(a, b):\n    return a + b\n")
        bundle.writestr("mine/evaluation/double.py", GOOD_DOUBLE)
    with zipfile.ZipFile(cohort / "release_layout.zip", "w") as bundle:  # a student release, answers inside
        bundle.writestr("repo/README.md", "my answers\n")
        bundle.writestr("repo/exercises/evaluation/add.py", "def add(a, b):\n    return a + b\n")
        bundle.writestr("repo/exercises/evaluation/double.py", GOOD_DOUBLE)
    with zipfile.ZipFile(cohort / "escaping.zip", "w") as bundle:
        bundle.writestr("../../evaluation/add.py", "def add(a, b):\n    return a + b\n")
    repository = cohort / "from_git"
    write_submission(repository, "def add(a, b):\n    return a + b\n")
    git = ["git", "-C", str(repository), "-c", "user.name=c", "-c", "user.email=c@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "answers"], check=True)
    (repository / "evaluation/add.py").write_text("def add(a, b):\n    return 0\n")  # not committed: not graded
    out = tmp_path / "grades"

    first = mlkata(kit, "grade", cohort, "--jobs", "2", "--out", out)
    assert first.returncode == 0, first.stderr
    totals = {
        name: sum(e["earned"] for e in results(out, name).values()) for name in [p.stem for p in cohort.iterdir()]
    }
    assert totals["reference"] == totals["zipped"] == totals["from_git"] == totals["release_layout"] == 7
    assert totals["untouched"] == totals["stubs"] == totals["escaping"] == 0
    assert totals["no_double"] == 5
    assert totals["hostile"] == 2  # its add costs only add's points
    assert all(totals[f"mutant_{m.stem}"] < 7 for m in (kit / "mutants/evaluation/add").glob("*.py"))
    assert len(totals) >= 10
    escaping = json.loads((out / "escaping/results.json").read_text())
    assert "would land outside the submission" in escaping["refused"]
    for name in totals:
        for produced in ("results.json", "junit.xml", "gradescope.json", "report.html"):
            assert (out / name / produced).is_file(), f"{name}/{produced}"
    gradebook = (out / "gradebook.csv").read_text().splitlines()
    assert gradebook[0].startswith("candidate,evaluation/add,evaluation/double,total")
    assert len(gradebook) == 1 + len(totals)
    assert "<svg" in (out / "cohort.html").read_text()

    # a re-run resumes: the seed is kept, nothing is graded again; a changed submission is
    (out / "reference/results.json").touch()
    (cohort / "no_double/evaluation/double.py").write_text(GOOD_DOUBLE)
    second = mlkata(kit, "grade", cohort, "--jobs", "2", "--out", out)
    assert "already graded" in second.stderr
    assert second.stderr.count("] ") == 1 and "no_double: 7/7" in second.stderr


def test_gradescope_results_follow_its_schema(kit, tmp_path):
    write_submission(tmp_path / "alice", "def add(a, b):\n    return a - b\n")
    out = tmp_path / "grades"
    assert mlkata(kit, "grade", tmp_path / "alice", "--out", out, "--isolation", "none").returncode == 0
    results_json = json.loads((out / "alice/gradescope.json").read_text())
    assert set(results_json) >= {"score", "tests"}
    assert {t["name"] for t in results_json["tests"]} == {"evaluation/add", "evaluation/double"}
    assert all({"score", "max_score", "output"} <= set(t) for t in results_json["tests"])
    junit = (out / "alice/junit.xml").read_text()
    assert '<testsuite name="evaluation/add"' in junit and "<failure" in junit


def test_isolated_and_in_process_grading_agree(kit, tmp_path):
    write_submission(tmp_path / "alice", "def add(a, b):\n    return abs(a) + abs(b)\n")
    scores = {}
    for isolation in ("process", "none"):
        out = tmp_path / isolation
        run = mlkata(kit, "grade", tmp_path / "alice", "--out", out, "--isolation", isolation, "--seed", "3")
        assert run.returncode == 0, run.stderr
        scores[isolation] = {k: v["earned"] for k, v in results(out, "alice").items()}
    assert scores["process"] == scores["none"]


def test_the_submission_on_disk_is_never_modified(kit, tmp_path):
    source = "import pathlib\n\n\ndef add(a, b):\n    pathlib.Path(__file__).write_text('changed')\n    return a + b\n"
    write_submission(tmp_path / "alice", source)
    before = tree_digest(tmp_path / "alice")
    assert mlkata(kit, "grade", tmp_path / "alice", "--out", tmp_path / "out").returncode == 0
    assert tree_digest(tmp_path / "alice") == before
    assert os.listdir(tmp_path / "alice") == ["evaluation"]


def test_an_interrupted_cohort_keeps_what_was_graded_and_resumes(kit, tmp_path):
    cohort = tmp_path / "cohort"
    slow = "import time\n\n\ndef add(a, b):\n    time.sleep(0.5)\n    return a + b\n"
    for i in range(6):
        write_submission(cohort / f"c{i}", slow)
    out = tmp_path / "grades"
    command = [sys.executable, "-m", "mlkata", "--root", str(kit), "grade", str(cohort), "--out", str(out)]
    command += ["--isolation", "none", "--seed", "9"]
    grading = subprocess.Popen(
        command, cwd=kit, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=restore_ctrl_c
    )
    deadline = time.monotonic() + 120
    while not list(out.glob("*/results.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(grading.pid, signal.SIGINT)  # Ctrl-C in a terminal reaches the whole process group
    _, stderr = grading.communicate(timeout=120)
    assert grading.returncode == 130 and "run again to resume" in stderr
    graded = sorted(p.parent.name for p in out.glob("*/results.json"))
    assert 1 <= len(graded) < 6
    for name in graded:  # whole documents, never half-written ones
        assert sum(e["earned"] for e in results(out, name).values()) == 7
    rerun = mlkata(kit, "grade", cohort, "--out", out, "--isolation", "none")
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(graded)} candidate(s) already graded" in rerun.stderr
    assert sorted(p.parent.name for p in out.glob("*/results.json")) == [f"c{i}" for i in range(6)]


def test_ctrl_c_stops_a_cohort_at_once_even_when_only_the_command_gets_it(kit, tmp_path):
    cohort = tmp_path / "cohort"
    endless = "import time\n\n\ndef add(a, b):\n    time.sleep(600)\n    return a + b\n"
    for i in range(4):
        write_submission(cohort / f"c{i}", endless)
    out = tmp_path / "grades"
    command = [sys.executable, "-m", "mlkata", "--root", str(kit), "grade", str(cohort), "--out", str(out)]
    command += ["--isolation", "none", "--seed", "9", "--jobs", "2", "--timeout", "900"]
    grading = subprocess.Popen(command, cwd=kit, stderr=subprocess.PIPE, text=True, preexec_fn=restore_ctrl_c)
    deadline = time.monotonic() + 60
    while not (out / "cohort.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1)  # two candidates in flight, each ten minutes from done
    grading.send_signal(signal.SIGINT)  # the command alone, as `kill -INT` or a supervisor sends it
    _, stderr = grading.communicate(timeout=60)  # had it waited for them, this would time out
    assert grading.returncode == 130, stderr
    assert not list(out.glob("*/results.json"))
    stray = subprocess.run(["pgrep", "-f", str(cohort)], capture_output=True, text=True)
    assert stray.stdout.strip() == "", "a grading session outlived the command"


def test_results_inside_the_cohort_folder_are_refused(kit, tmp_path):
    cohort = tmp_path / "cohort"
    for name in ("ana", "ben"):
        write_submission(cohort / name, "def add(a, b):\n    return a + b\n")
    run = mlkata(kit, "grade", cohort, "--out", cohort / "grades", "--isolation", "none")
    assert run.returncode == 2
    assert "inside" in run.stderr and "next run would grade it as a candidate" in run.stderr
    assert not (cohort / "grades").exists()
