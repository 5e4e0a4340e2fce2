"""Answers out of notebooks (`answers_from_notebook`, `write_answers`) and notebook test cells that
grade in a pytest subprocess (`grade_cell`), on the tiny kit; no nbgrader or Jupyter needed."""

import copy
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from mlkata import cli, layout
from mlkata.notebooks import (
    COURSE_FILE,
    KIT_DIR,
    GradingUnavailable,
    NotPassed,
    UnreadableNotebook,
    answer_notebook,
    answers_from_notebook,
    course_settings,
    exercise_notebook,
    export_course,
    grade_cell,
    grader_items,
    write_answers,
)
from mlkata.results import NOT_ATTEMPTED, PASSED
from mlkata.sessions import run_graders
from mlkata.stubs import BEGIN_SOLUTION, END_SOLUTION
from tests.processes import needs_sandbox

SEED = 4242
HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
PARAMETRISED_GRADER = '''

@pytest.mark.points(1)
@pytest.mark.parametrize("b", [0, 7])
def test_adds_to_one(impl, b):
    """Does add count on from one?"""
    expect(impl.add(1, b) == 1 + b, "add(1, b) should be 1 + b.")
'''


def released(instructor: dict) -> dict:
    """The student's notebook as nbgrader's generate_assignment writes it: each solution region
    replaced by its placeholder, the hidden tests removed."""
    student = copy.deepcopy(instructor)
    for cell in student["cells"]:
        kept, inside = [], False
        for line in cell["source"].split("\n"):
            if line.strip() in (BEGIN_SOLUTION, HIDDEN[0]):
                inside = True
                if line.strip() == BEGIN_SOLUTION:
                    indent = line[: len(line) - len(line.lstrip())]
                    kept += [f"{indent}# YOUR CODE HERE", f"{indent}raise NotImplementedError()"]
            elif line.strip() in (END_SOLUTION, HIDDEN[1]):
                inside = False
            elif not inside:
                kept.append(line)
        cell["source"] = "\n".join(kept)
    return student


def code_cell(source, **nbgrader) -> dict:
    return {"cell_type": "code", "metadata": {"nbgrader": nbgrader} if nbgrader else {}, "source": source}


def notebook_of(*cells: dict) -> dict:
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def run_module(module: str) -> dict:
    namespace: dict = {}
    exec(compile(module, "<answers>", "exec"), namespace)
    return namespace


@pytest.fixture
def add_exercise(tiny_kit: Path) -> layout.Exercise:
    with open(tiny_kit / "graders/evaluation/test_add.py", "a") as grader:
        grader.write(PARAMETRISED_GRADER)
    [exercise] = layout.discover(tiny_kit)
    return exercise


@pytest.fixture
def instructor(add_exercise: layout.Exercise) -> dict:
    """The exercise's notebook; its test cells matter only to grade_cell, which is told the item."""
    return exercise_notebook(add_exercise, [("test_adds", 2.0, "Does add add?")])


def grade(root: Path, exercise: layout.Exercise, module: str, tree: Path):
    (tree / exercise.relative_module).parent.mkdir(parents=True)
    (tree / exercise.relative_module).write_text(module)
    options = [f"--mlkata-impl={tree}", f"--mlkata-seed={SEED}", "--mlkata-isolation=none"]
    return run_graders(root, [exercise.grader], options).records


@pytest.mark.slow
def test_the_reference_answers_earn_full_marks_and_the_blank_notebook_nothing(add_exercise, instructor, tmp_path):
    student = released(instructor)
    reference = grade(
        add_exercise.root,
        add_exercise,
        answers_from_notebook(answer_notebook(student, instructor)),
        tmp_path / "reference",
    )
    blank = grade(add_exercise.root, add_exercise, answers_from_notebook(student), tmp_path / "blank")
    assert len(reference) == 6 and {r.outcome for r in reference} == {PASSED}
    assert len(blank) == 6 and {r.outcome for r in blank} == {NOT_ATTEMPTED}


def test_test_cells_are_left_out_and_cells_the_student_added_are_kept(instructor):
    notebook = answer_notebook(released(instructor), instructor)
    notebook["cells"].insert(1, code_cell("def _double(x):\n    return 2 * x"))
    notebook["cells"].append(code_cell("from mlkata.notebooks import grade_cell\ngrade_cell('x', 'y', globals())"))
    module = answers_from_notebook(notebook)
    assert "grade_cell" not in module and "HIDDEN" not in module
    assert run_module(module)["_double"](2) == 4
    # before autograding, a test cell holds only its question: it is left out by its metadata
    question = code_cell("# Does add add? (2 points)", grade=True, solution=False, locked=True)
    assert "Does add add" not in answers_from_notebook(notebook_of(question))


def test_the_module_imports_as_the_cells_ran_in_a_kernel():
    notebook = notebook_of(
        code_cell(["%matplotlib inline\n", "import math\n"]),
        code_cell("from __future__ import annotations\n\nSCALE = 2"),
        code_cell("# YOUR CODE HERE\nraise NotImplementedError()", solution=True),
        code_cell(
            "def add(a, b):\n    return a + b\n\nadd(1, 'x')  # trying it out\nassert add(1, 2) == 4", solution=True
        ),
        code_cell("def broken(:\n    pass"),
        code_cell('LONE = "\ud800"'),
        code_cell("def scaled(x: Value) -> float:\n    return SCALE * math.sqrt(x)"),
        {"cell_type": "markdown", "metadata": {}, "source": "raise SystemExit"},
    )
    module = answers_from_notebook(notebook)
    assert module.startswith("from __future__ import annotations\n")
    assert module.count("does not compile") == 2 and module.encode("utf-8")
    namespace = run_module(module)
    assert namespace["add"](2, 3) == 5 and namespace["scaled"](4) == 4.0


def big_cell(megabytes: int) -> bytes:
    return json.dumps(notebook_of(code_cell("x = 1\n" * ((megabytes << 20) // 6)))).encode()


# each case's file content (made when its test runs) and the reason it must be skipped with
HOSTILE = {
    "not JSON": (lambda: b"{'cells': [", "not JSON"),
    "cells not a list": (lambda: json.dumps({"cells": {"0": "import os"}}).encode(), "no list of cells"),
    "a cell not a dict": (lambda: json.dumps({"cells": ["import os"]}).encode(), "cell 1 is str"),
    "source an int": (lambda: json.dumps(notebook_of(code_cell(7))).encode(), "cell 1's source is int"),
    "metadata a list": (lambda: json.dumps({"cells": [{"cell_type": "code", "metadata": []}]}).encode(), "metadata"),
    "a 50 MB cell": (lambda: big_cell(50), "larger than"),
    "a 2 MB cell": (lambda: big_cell(2), "characters of code"),
    "nested too deep": (lambda: b"[" * 100_000 + b"]" * 100_000, "not JSON"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_notebook_is_skipped_with_its_reason(add_exercise, tmp_path, case):
    content, reason = HOSTILE[case]
    (tmp_path / "submitted").mkdir()
    (tmp_path / "submitted" / "add.ipynb").write_bytes(content())
    skipped = write_answers(tmp_path / "submitted", tmp_path / "answers", [add_exercise])
    assert len(skipped) == 1 and skipped[0].startswith("add.ipynb: ") and reason in skipped[0]
    assert not (tmp_path / "answers").exists()


def test_a_notebook_given_as_json_is_checked_as_a_file_is():
    with pytest.raises(UnreadableNotebook, match="cell 1's source is NoneType"):
        answers_from_notebook(notebook_of(code_cell(None)))


@pytest.mark.parametrize("kind", ["link", "pipe", "folder"])
def test_a_notebook_that_is_no_regular_file_is_skipped_unread(add_exercise, tmp_path, kind):
    folder = tmp_path / "submitted"
    folder.mkdir()
    notebook = folder / "add.ipynb"
    if kind == "link":
        notebook.symlink_to("/etc/passwd")
    elif kind == "pipe":
        os.mkfifo(notebook)  # opening it to read would wait for a writer
    else:
        notebook.mkdir()
    [reason] = write_answers(folder, tmp_path / "answers", [add_exercise])
    assert reason.startswith("add.ipynb: ") and not (tmp_path / "answers").exists()


def test_write_answers_mirrors_exercises(add_exercise, instructor, tmp_path):
    folder = tmp_path / "submitted"
    folder.mkdir()
    (folder / "add.ipynb").write_text(json.dumps(answer_notebook(released(instructor), instructor)))
    (folder / "unrelated.ipynb").write_text("not a notebook")
    assert write_answers(folder, tmp_path / "answers", [add_exercise]) == []
    assert run_module((tmp_path / "answers" / "evaluation" / "add.py").read_text())["add"](2, 3) == 5
    assert write_answers(tmp_path / "empty", tmp_path / "none", [add_exercise]) == []


# --- grade_cell ---------------------------------------------------------------------------------


@pytest.fixture
def course(add_exercise, tmp_path, monkeypatch) -> Path:
    """An exported course (in-process grading), with the kernel's working folder in its source/."""
    course = tmp_path / "course"
    export_course(add_exercise.root, course, "ps1", [add_exercise], seed=SEED, isolation="none")
    monkeypatch.chdir(course / "source" / "ps1")
    monkeypatch.delenv("MLKATA_KIT", raising=False)
    return course


def kernel(monkeypatch, notebook: dict) -> dict:
    """A stand-in for an IPython kernel that ran ``notebook``'s code cells; its user namespace."""
    namespace: dict = {"__name__": "__main__"}
    history = [""] + ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    shell = types.SimpleNamespace(
        user_ns=namespace, user_global_ns=namespace, history_manager=types.SimpleNamespace(input_hist_raw=history)
    )
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    return namespace


@pytest.mark.slow
def test_the_course_keeps_how_its_cells_grade(add_exercise, course, tmp_path):
    assert course_settings(course / KIT_DIR).isolation == "none"
    other = tmp_path / "other"
    assert cli.main(["--root", str(add_exercise.root), "nbgrader", str(other), "--exercises", "add"]) == 0
    assert course_settings(other / KIT_DIR).isolation == "process"
    (other / KIT_DIR / COURSE_FILE).write_text(json.dumps({"seed": 3}))  # a course exported before
    assert course_settings(other / KIT_DIR).isolation == "process"


@pytest.mark.slow
def test_grade_cell_grades_the_answer_cells_the_kernel_ran(instructor, course, monkeypatch, capsys):
    items = grader_items(course / KIT_DIR, layout.discover(course / KIT_DIR))["evaluation/add"]
    assert "test_adds_to_one[7]" in [item for item, _, _ in items]
    namespace = kernel(monkeypatch, answer_notebook(released(instructor), instructor))
    for item, _, _ in items:
        grade_cell("evaluation/add", item, namespace)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out.count("graded evaluation/add") == 1  # graded once, said where
    assert "the answers ran in-process" in captured.out

    namespace = kernel(monkeypatch, released(instructor))
    with pytest.raises(NotPassed, match=r"^\[not attempted\] "):
        grade_cell("evaluation/add", "test_adds", namespace)


@pytest.mark.slow
def test_outside_ipython_grade_cell_grades_the_namespaces_functions(add_exercise, course, tmp_path):
    namespace: dict = {"__name__": "answers"}
    for version, body in enumerate(["operator.add(a, b)", "abs(a) + abs(b)"]):
        source = tmp_path / f"answers{version}.py"
        source.write_text(f"import operator\n\nSHIFT = (0,)\n\n\ndef add(a, b):\n    return {body} + SHIFT[0]\n")
        exec(compile(source.read_text(), str(source), "exec"), namespace)
    with pytest.raises(NotPassed, match=r"^\[incorrect\] "):
        grade_cell("evaluation/add", "test_adds_negatives", namespace)
    exec(compile((tmp_path / "answers0.py").read_text(), str(tmp_path / "answers0.py"), "exec"), namespace)
    grade_cell("evaluation/add", "test_adds_negatives", namespace)


@pytest.mark.slow
def test_without_a_sandbox_the_cell_fails_with_the_reason(instructor, course, monkeypatch, tmp_path):
    settings = json.loads((course / KIT_DIR / COURSE_FILE).read_text())
    (course / KIT_DIR / COURSE_FILE).write_text(json.dumps({**settings, "isolation": "process"}))
    monkeypatch.setenv("PATH", str(tmp_path))  # no bwrap
    namespace = kernel(monkeypatch, answer_notebook(released(instructor), instructor))
    for _ in range(2):  # the second cell fails with the same reason, without grading again
        with pytest.raises(GradingUnavailable) as unavailable:
            grade_cell("evaluation/add", "test_adds", namespace)
        assert "bwrap" in str(unavailable.value) and "\n" not in str(unavailable.value)


@pytest.mark.slow
@needs_sandbox
def test_grade_cell_runs_the_candidate_code_in_the_sandbox(instructor, course, monkeypatch, capsys):
    settings = json.loads((course / KIT_DIR / COURSE_FILE).read_text())
    (course / KIT_DIR / COURSE_FILE).write_text(json.dumps({**settings, "isolation": "process"}))
    namespace = kernel(monkeypatch, answer_notebook(released(instructor), instructor))
    grade_cell("evaluation/add", "test_adds", namespace)
    grade_cell("evaluation/add", "test_adds_to_one[7]", namespace)
    captured = capsys.readouterr()
    assert captured.err == "" and "the answers ran in a sandbox: " in captured.out


@pytest.mark.slow
def test_mlkata_grade_reads_the_answers_out_of_nbgrader_submissions(add_exercise, instructor, tmp_path):
    student = released(instructor)
    submitted = tmp_path / "submitted"
    for name, notebook in (("ana", answer_notebook(student, instructor)), ("ben", student)):
        (submitted / name / "week1").mkdir(parents=True)
        (submitted / name / "week1" / "add.ipynb").write_text(json.dumps(notebook))
    (submitted / "cy" / "week1").mkdir(parents=True)
    (submitted / "cy" / "week1" / "add.ipynb").write_text("{not json")
    out = tmp_path / "grades"
    command = [sys.executable, "-m", "mlkata", "--root", str(add_exercise.root), "grade", str(submitted)]
    command += ["--out", str(out), "--seed", str(SEED)]
    graded = subprocess.run(command, capture_output=True, text=True, check=False)
    assert graded.returncode == 0, graded.stderr
    documents = {name: json.loads((out / name / "results.json").read_text()) for name in ("ana", "ben", "cy")}
    totals = {name: sum(e["earned"] for e in d["exercises"]) for name, d in documents.items()}
    assert totals["ana"] == sum(e["possible"] for e in documents["ana"]["exercises"]) > 0
    assert totals["ben"] == totals["cy"] == 0
    assert any("add.ipynb" in note for note in documents["cy"]["notes"]), documents["cy"]["notes"]
