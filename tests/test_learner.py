"""The learner's commands, driven through the real CLI on a tiny kit: list, hint, solution, progress,
watch and new, and the progress that self-grading runs record."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.processes import restore_ctrl_c

pytestmark = pytest.mark.slow

WRONG_ADD = "def add(a, b):\n    return abs(a) + abs(b)\n"  # loses test_adds_negatives (1 of 5 points)
RIGHT_ADD = "def add(a, b):\n    return a + b\n"


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch):
    """The tests read output through pipes; an outer FORCE_COLOR or NO_COLOR must not change it."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def mlkata(pytester, *args, stdin=None):
    if stdin is None:
        return pytester.run(sys.executable, "-m", "mlkata", "--root", str(pytester.path), *args)
    return pytester.run(sys.executable, "-m", "mlkata", "--root", str(pytester.path), *args, stdin=stdin)


def self_grade(pytester, answer: str):
    """The learner's loop: write an answer in exercises/ and run pytest on it, as the README says."""
    (pytester.path / "exercises/evaluation/add.py").write_text(answer)
    result = pytester.run(sys.executable, "-m", "pytest", "exercises", "-p", "no:cacheprovider")
    assert result.ret in (0, 1), result.stdout.str()
    return result


def progress_json(pytester) -> dict:
    result = mlkata(pytester, "progress", "--json")
    assert result.ret == 0, result.stderr.str()
    return json.loads(result.stdout.str())


def test_list_shows_difficulty_scenario_and_the_latest_run(pytester, tiny_kit):
    mlkata(pytester, "list").stdout.fnmatch_lines(
        ["evaluation", "  add  [*][.][.]  not attempted       -  Add two numbers (a toy exercise*"]
    )
    self_grade(pytester, WRONG_ADD)
    mlkata(pytester, "list", "--topic", "evaluation").stdout.fnmatch_lines(
        ["  add  *  incorrect         4/5  Add two*"]
    )
    self_grade(pytester, RIGHT_ADD)
    result = mlkata(pytester, "list")
    result.stdout.fnmatch_lines(["  add  *  passed            5/5  Add two*"])
    assert "\x1b[" not in result.stdout.str()  # piped: plain


def test_list_refuses_an_unknown_topic(pytester, tiny_kit):
    result = mlkata(pytester, "list", "--topic", "nlp")
    assert result.ret == 2
    result.stderr.fnmatch_lines(["*--topic: invalid choice: 'nlp'*"])


def test_a_partial_run_updates_only_the_tests_it_ran(pytester, tiny_kit):
    self_grade(pytester, WRONG_ADD)
    (pytester.path / "exercises/evaluation/add.py").write_text(RIGHT_ADD)
    pytester.run(sys.executable, "-m", "pytest", "exercises/evaluation/add.py::test_adds", "-p", "no:cacheprovider")
    [row] = progress_json(pytester)["exercises"]
    assert (row["status"], row["earned"], row["possible"]) == ("incorrect", 4, 5)


def test_grading_a_folder_or_auditing_leaves_the_progress_alone(pytester, tiny_kit, tmp_path):
    self_grade(pytester, WRONG_ADD)
    before = (pytester.path / ".mlkata/progress.json").read_text()
    (tmp_path / "answers/evaluation").mkdir(parents=True)
    (tmp_path / "answers/evaluation/add.py").write_text(RIGHT_ADD)
    assert mlkata(pytester, "grade", str(tmp_path / "answers"), "--isolation", "none").ret == 0
    # the audit grades exercises/ too (here the learner's answer, which it reports as stub drift)
    mlkata(pytester, "audit", "--seeds", "1", "--jobs", "1").stdout.fnmatch_lines(["*solution*full marks on 1/1 seeds"])
    assert (pytester.path / ".mlkata/progress.json").read_text() == before


def test_hints_come_one_at_a_time_then_all(pytester, tiny_kit):
    first = mlkata(pytester, "hint", "evaluation/add")
    first.stdout.fnmatch_lines(["Hint 1 of 2 for evaluation/add", "Use +.", "*again shows the next one*"])
    assert "Really" not in first.stdout.str()
    mlkata(pytester, "hint", "add").stdout.fnmatch_lines(["Hint 2 of 2*", "Really, +.", "That is the last hint*"])
    mlkata(pytester, "hint", "add").stdout.fnmatch_lines(["Hint 2 of 2*"])
    mlkata(pytester, "hint", "add", "--all").stdout.fnmatch_lines(["Hint 1 of 2*", "Use +.", "Hint 2 of 2*"])
    assert progress_json(pytester)["exercises"][0]["hints_revealed"] == 2


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ("evaluation", "*evaluation is a topic; name one of its exercises, such as evaluation/add"),
        ("sub", "*no exercise 'sub'*"),
    ],
)
def test_hint_names_one_exercise(pytester, tiny_kit, wanted, message):
    result = mlkata(pytester, "hint", wanted)
    assert result.ret == 2
    result.stderr.fnmatch_lines([message])


def test_the_solution_needs_a_yes_and_is_recorded(pytester, tiny_kit):
    declined = mlkata(pytester, "solution", "evaluation/add", stdin=b"n\n")
    assert declined.ret == 0 and "### BEGIN SOLUTION" not in declined.stdout.str()
    assert not progress_json(pytester)["exercises"][0]["solution_viewed"]
    shown = mlkata(pytester, "solution", "evaluation/add", stdin=b"y\n")
    shown.stdout.fnmatch_lines(["*Show the reference solution of evaluation/add?*", "    return a + b"])
    assert progress_json(pytester)["exercises"][0]["solution_viewed"]
    mlkata(pytester, "list").stdout.fnmatch_lines(["*Add two numbers*(solution viewed)"])
    mlkata(pytester, "progress").stdout.fnmatch_lines(["reference solution viewed for: evaluation/add"])


def test_progress_counts_points_per_competency_before_and_after_a_run(pytester, tiny_kit):
    # never graded: the possible points come from collecting the graders
    before = mlkata(pytester, "progress")
    before.stdout.fnmatch_lines(["evaluation  ------------------------        0/5    0%   0/1 exercises passed"])
    self_grade(pytester, WRONG_ADD)
    mlkata(pytester, "progress").stdout.fnmatch_lines(["evaluation  *###################-----        4/5   80%*"])
    document = progress_json(pytester)
    assert document["competencies"] == [
        {"topic": "evaluation", "earned": 4, "possible": 5, "passed": 0, "exercises": 1}
    ]
    [row] = document["exercises"]
    assert row["id"] == "evaluation/add" and row["difficulty"] == 1 and row["status"] == "incorrect"


@pytest.mark.parametrize(
    ("variables", "coloured"), [({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)]
)
def test_colour_only_when_asked(pytester, tiny_kit, monkeypatch, variables, coloured):
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert ("\x1b[" in mlkata(pytester, "list").stdout.str()) is coloured


def test_a_damaged_progress_file_is_reported_and_kept(pytester, tiny_kit):
    damaged = pytester.path / ".mlkata/progress.json"
    damaged.parent.mkdir()
    damaged.write_text("{not json")
    result = mlkata(pytester, "list")
    assert result.ret == 2
    result.stderr.fnmatch_lines(["mlkata: cannot read your progress file *progress.json*left untouched*"])
    graded = self_grade(pytester, RIGHT_ADD)
    graded.stderr.fnmatch_lines(["mlkata: your progress was not recorded: cannot read*"])
    assert damaged.read_text() == "{not json"


def _read_until(process, wanted: str, seconds: float) -> str:
    """Lines of the watcher's output up to the first that contains ``wanted``."""
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        if wanted in line:
            return "".join(seen)
    raise AssertionError(f"no {wanted!r} in the watcher's output:\n{''.join(seen)}")


def test_watch_regrades_a_saved_file_until_interrupted(pytester, tiny_kit):
    command = [sys.executable, "-m", "mlkata", "--root", str(tiny_kit), "watch", "evaluation/add", "--interval", "0.1"]
    watcher = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=restore_ctrl_c
    )
    try:
        _read_until(watcher, "watching exercises/evaluation/add.py", 30)
        started = _read_until(watcher, "total", 60)  # graded as it stands before any save
        assert "add.py as it stands: grading" in started and "not attempted" in started
        answer = tiny_kit / "exercises/evaluation/add.py"
        answer.write_text("")  # an editor's save in two steps: truncate, then write
        answer.write_text(WRONG_ADD)
        output = _read_until(watcher, "total", 60)
        assert "exercises/evaluation/add.py saved: grading" in output
        assert "evaluation/add: test_adds_negatives [incorrect] add(-2, -3) should be negative" in output
        assert "evaluation/add  incorrect" in output and "4/5" in output
        time.sleep(0.05)  # a save in the same clock tick as the last would look unchanged
        (tiny_kit / "exercises/evaluation/add.py").write_text(RIGHT_ADD + "\n")
        last = _read_until(watcher, "total", 60)
        assert "passed" in last and "incorrect" not in last, "one save, one grading"
        watcher.send_signal(signal.SIGINT)
        rest, _ = watcher.communicate(timeout=30)
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.communicate()
    assert watcher.returncode == 0
    assert "stopped watching" in rest
    assert progress_json(pytester)["exercises"][0]["status"] == "passed"  # a watched run is the learner's run


def test_watch_refuses_an_unknown_exercise(pytester, tiny_kit):
    result = mlkata(pytester, "watch", "evaluation/nothing")
    assert result.ret == 2
    result.stderr.fnmatch_lines(["*no exercise matches evaluation/nothing*"])


MUTANTS_OF_THE_TEMPLATE = {
    "forgets_to_divide.py": '"""Sums instead of averaging."""\n\n\ndef weighted_mean(values, weights):\n'
    '    if sum(weights) <= 0:\n        raise ValueError("no weight")\n    return float(np.dot(values, weights))\n',
    "accepts_zero_weights.py": '"""Returns nan instead of refusing all-zero weights."""\n\n\n'
    "def weighted_mean(values, weights):\n    with np.errstate(all='ignore'):\n"
    "        return float(np.dot(values, weights) / np.sum(weights))\n",
}


def test_new_scaffolds_an_exercise_the_audit_rejects_until_it_is_finished(pytester, tiny_kit):
    created = mlkata(pytester, "new", "evaluation/weighted_mean")
    assert created.ret == 0, created.stderr.str()
    created.stdout.fnmatch_lines(
        [
            "wrote solutions/evaluation/weighted_mean.py",
            "wrote exercises/evaluation/weighted_mean.py",
            "wrote graders/evaluation/test_weighted_mean.py",
            "wrote data/weighted_mean.py",
            "wrote mutants/evaluation/weighted_mean/unweighted.py",
            "wrote hints/evaluation/weighted_mean.md",
        ]
    )
    assert mlkata(pytester, "stubs", "--check").ret == 0
    # the author rewrites the prompt: the scaffolded stub is the kit's, so `mlkata stubs` brings it along
    solution = pytester.path / "solutions/evaluation/weighted_mean.py"
    solution.write_text(solution.read_text().replace('"""', '"""Rewritten. ', 1))
    assert mlkata(pytester, "stubs").ret == 0
    assert mlkata(pytester, "stubs", "--check").ret == 0
    unfinished = mlkata(pytester, "audit", "weighted_mean", "--seeds", "2", "--jobs", "1")
    assert unfinished.ret == 1
    unfinished.stdout.fnmatch_lines(["*1 mutant(s); at least 3 are required", "*no 'difficulty: 1', '2' or '3' line*"])
    unfinished.stdout.fnmatch_lines(["*solution*6   full marks on 2/2 seeds", "*stub*0"])

    # what CONTRIBUTING.md asks of the author (here keeping the example itself): a difficulty, mutants
    hints = pytester.path / "hints/evaluation/weighted_mean.md"
    hints.write_text(hints.read_text().replace("difficulty: ?", "difficulty: 1"))
    for name, text in MUTANTS_OF_THE_TEMPLATE.items():
        (pytester.path / "mutants/evaluation/weighted_mean" / name).write_text(text)
    finished = mlkata(pytester, "audit", "weighted_mean", "--seeds", "2", "--jobs", "1")
    assert finished.ret == 0, finished.stdout.str()
    finished.stdout.fnmatch_lines(["*all graders valid"])
    mlkata(pytester, "list").stdout.fnmatch_lines(
        ["  weighted_mean  [*][.][.]  not attempted       -  Rewritten. TODO: a one-line*"]
    )


def test_new_overwrites_nothing(pytester, tiny_kit):
    result = mlkata(pytester, "new", "evaluation/add")
    assert result.ret == 1
    result.stderr.fnmatch_lines(["*evaluation/add would overwrite solutions/evaluation/add.py*nothing was written"])
    assert "return a + b" in (pytester.path / "solutions/evaluation/add.py").read_text()


@pytest.mark.parametrize(
    ("exercise", "message"),
    [
        ("add", "*expected TOPIC/NAME with TOPIC one of supervised,*got 'add'"),
        ("evaluation/Bad-Name", "*'Bad-Name' cannot name*"),
    ],
)
def test_new_validates_the_name(pytester, tiny_kit, exercise, message):
    result = mlkata(pytester, "new", exercise)
    assert result.ret == 2
    result.stderr.fnmatch_lines([message])


@pytest.mark.parametrize("command", ["list", "hint", "solution", "progress", "watch", "new"])
def test_every_command_has_help_with_an_example(command):
    result = subprocess.run(
        [sys.executable, "-m", "mlkata", command, "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert result.returncode == 0
    assert f"mlkata {command} " in result.stdout.split("example", 1)[1]
