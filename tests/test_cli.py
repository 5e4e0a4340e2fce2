"""The ``mlkata`` command, driven as a user would: ``grade`` and ``stubs`` on a tiny kit."""

import json
import subprocess
import sys

import pytest

from tests.processes import needs_sandbox

pytestmark = pytest.mark.slow


def mlkata(pytester, *args):
    return pytester.run(sys.executable, "-m", "mlkata", "--root", str(pytester.path), *args)


@needs_sandbox
def test_grade_writes_per_exercise_per_test_json(pytester, tiny_kit, tmp_path):
    (tmp_path / "bob" / "evaluation").mkdir(parents=True)
    (tmp_path / "bob" / "evaluation" / "add.py").write_text("def add(a, b):\n    return abs(a) + abs(b)\n")
    result = mlkata(pytester, "grade", str(tmp_path / "bob"), "--json", str(tmp_path / "bob.json"), "--seed", "7")
    assert result.ret == 0
    result.stdout.fnmatch_lines(
        [
            "evaluation/add: test_adds_negatives ?incorrect? add(-2, -3) should be negative",
            "evaluation/add*incorrect*4/5",
        ]
    )
    document = json.loads((tmp_path / "bob.json").read_text())
    assert document["seed"] == 7 and document["implementation"] == str(tmp_path / "bob")
    [exercise] = document["exercises"]
    outcomes = {t["test"]: t["outcome"] for t in exercise["tests"]}
    assert outcomes == {
        "test_adds": "passed",
        "test_adds_negatives": "incorrect",
        "test_fixture_calls_are_graded": "passed",
        "test_seed_is_recorded": "passed",
    }


@needs_sandbox
def test_grade_records_a_drawn_seed(pytester, tiny_kit, tmp_path):
    tmp_path.joinpath("empty").mkdir()
    result = mlkata(pytester, "grade", str(tmp_path / "empty"), "--json", str(tmp_path / "out.json"))
    result.stdout.fnmatch_lines(["evaluation/add*not attempted*0/5"])
    assert isinstance(json.loads((tmp_path / "out.json").read_text())["seed"], int)


def test_grade_refuses_a_path_that_is_not_a_directory(pytester, tiny_kit, tmp_path):
    result = mlkata(pytester, "grade", str(tmp_path / "nowhere"))
    assert result.ret == 2
    result.stderr.fnmatch_lines(["*is not a directory*"])


def test_stubs_keep_a_learners_answer_unless_forced(pytester, tiny_kit):
    stub = tiny_kit / "exercises/evaluation/add.py"
    answer = "def add(a, b):\n    return a + b\n"
    stub.write_text(answer)
    kept = mlkata(pytester, "stubs")
    kept.stdout.fnmatch_lines(["kept exercises/evaluation/add.py: your answer, not the kit's stub*--force*"])
    assert stub.read_text() == answer
    checked = mlkata(pytester, "stubs", "--check")
    assert checked.ret == 0
    checked.stdout.fnmatch_lines(["exercises/evaluation/add.py: your answer, not the kit's stub*"])
    mlkata(pytester, "stubs", "--force").stdout.fnmatch_lines(["wrote exercises/evaluation/add.py"])
    assert "NotImplementedError" in stub.read_text()


def test_stubs_regenerate_the_kits_own_stub_and_check_catches_drift(pytester, tiny_kit):
    for command in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "kit"],
    ):
        subprocess.run(["git", "-C", str(tiny_kit), *command], check=True, capture_output=True)
    solution = tiny_kit / "solutions/evaluation/add.py"
    solution.write_text(solution.read_text().replace("Return a + b.", "Return the sum a + b."))
    assert mlkata(pytester, "stubs", "--check").ret == 1  # the committed stub is the kit's: it drifted
    mlkata(pytester, "stubs").stdout.fnmatch_lines(["wrote exercises/evaluation/add.py"])
    assert "the sum a + b" in (tiny_kit / "exercises/evaluation/add.py").read_text()
    assert mlkata(pytester, "stubs", "--check").ret == 0


def test_outside_a_kit_the_command_says_so(pytester):
    result = pytester.run(sys.executable, "-m", "mlkata", "stubs", "--check")
    assert result.ret == 2


def test_a_git_submission_says_which_commit_was_graded_and_what_was_left_out(pytester, tiny_kit, tmp_path):
    repository = tmp_path / "ana"
    (repository / "evaluation").mkdir(parents=True)
    (repository / "evaluation/add.py").write_text("def add(a, b):\n    raise NotImplementedError\n")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(repository), *command], check=True, capture_output=True)
    (repository / "evaluation/add.py").write_text("def add(a, b):\n    return a + b\n")  # saved, not committed
    result = mlkata(pytester, "grade", str(repository), "--isolation", "none", "--json", str(tmp_path / "r.json"))
    head = subprocess.run(["git", "-C", str(repository), "rev-parse", "HEAD"], capture_output=True, text=True)
    result.stdout.fnmatch_lines([f"*graded commit {head.stdout[:12]} of *ana*", "*not committed: evaluation/add.py*"])
    assert json.loads((tmp_path / "r.json").read_text())["submission"]["commit"] == head.stdout.strip()


def test_a_submission_that_cannot_be_read_is_one_line_and_a_failure(pytester, tiny_kit, tmp_path):
    broken = tmp_path / "ana.zip"
    broken.write_text("not a zip")
    result = mlkata(pytester, "grade", str(broken), "--isolation", "none")
    assert result.ret == 1
    [line] = [line for line in result.stderr.lines if line.strip()]
    assert "was not graded" in line and "zip" in line
