"""The nbgrader round trip with real nbgrader and a real Jupyter kernel (`tox -e nbgrader` runs it).

`mlkata nbgrader` writes the course; nbgrader generates the student version, autogrades four
students (the references, the untouched notebooks, a mutant per exercise, and the references made
noisy on stderr) and exports the grades. Elsewhere nbgrader is not installed and this module is
skipped, unless MLKATA_REQUIRE_NBGRADER=1 (set by the tox env), where its absence is a failure.
"""

import csv
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlkata import layout
from mlkata.notebooks import answer_notebook
from mlkata.release import documented_functions
from mlkata.stubs import BEGIN_SOLUTION, END_SOLUTION

from .conftest import REPO

if importlib.util.find_spec("nbgrader") is None:
    if os.environ.get("MLKATA_REQUIRE_NBGRADER") == "1":
        raise RuntimeError("MLKATA_REQUIRE_NBGRADER=1 but nbgrader is not installed: run `tox -e nbgrader`")
    pytest.skip("nbgrader is not installed (tox -e nbgrader runs these tests)", allow_module_level=True)

pytestmark = pytest.mark.slow

# a debug exercise (starting code in comments, helpers in a cell of their own) and one with
# parametrised graders (a test cell per item)
EXERCISES = ["evaluation/drift_report", "evaluation/ranking_metrics"]
ASSIGNMENT = "ps1"
SEED = 20240
STUDENTS = ("reference", "untouched", "mutant", "noisy")

NOISE = """
import functools
import sys
import warnings

from sklearn.linear_model import LogisticRegression

# a real scikit-learn ConvergenceWarning, written to this cell's stderr
LogisticRegression(max_iter=1).fit([[0.0], [1.0], [2.0], [3.0]], [0, 1, 0, 1])


def _noisy(function):
    @functools.wraps(function)
    def noisy(*args, **kwargs):
        warnings.warn("a library's deprecation notice", FutureWarning, stacklevel=2)
        print("progress: fitting", file=sys.stderr)
        return function(*args, **kwargs)

    return noisy
"""


def run(*command: str, cwd: Path) -> str:
    # nbgrader runs `alembic` from the PATH: the environment's scripts must be on it, activated or not
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    assert completed.returncode == 0, f"{' '.join(command)} failed:\n{completed.stdout}\n{completed.stderr}"
    return completed.stdout


def exercises() -> list[layout.Exercise]:
    return layout.select(layout.discover(REPO), EXERCISES)


def noisy_code(exercise: layout.Exercise) -> str:
    functions = documented_functions(exercise.solution.read_text(encoding="utf-8"))
    return NOISE + "".join(f"\n{name} = _noisy({name})\n" for name in functions)


def first_mutant(exercise: layout.Exercise) -> Path:
    return exercise.mutants[0]


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("course")
    run(sys.executable, "-m", "mlkata", "--root", str(REPO), "nbgrader", str(course), "--assignment", ASSIGNMENT,
        "--exercises", *EXERCISES, "--seed", str(SEED), cwd=course)  # fmt: skip
    run(sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT, cwd=course)
    for student in STUDENTS:
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        for exercise in exercises():
            released = json.loads((course / "release" / ASSIGNMENT / f"{exercise.name}.ipynb").read_text())
            source = json.loads((course / "source" / ASSIGNMENT / f"{exercise.name}.ipynb").read_text())
            extra = {"mutant": first_mutant(exercise).read_text(), "noisy": noisy_code(exercise)}.get(student, "")
            notebook = released if student == "untouched" else answer_notebook(released, source, extra)
            (folder / f"{exercise.name}.ipynb").write_text(json.dumps(notebook))
    run(sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--create", cwd=course)
    run(sys.executable, "-m", "nbgrader", "export", cwd=course)
    return course


def scores(course: Path) -> dict[str, tuple[float, float]]:
    with open(course / "grades.csv", newline="") as handle:
        return {row["student_id"]: (float(row["raw_score"]), float(row["max_score"])) for row in csv.DictReader(handle)}


def mlkata_points(tree: Path, tmp_path: Path) -> tuple[float, float]:
    """What `mlkata grade` gives ``tree`` with the course's seed."""
    out = tmp_path / f"{tree.name}.json"
    run(sys.executable, "-m", "mlkata", "--root", str(REPO), "grade", str(tree), "--isolation", "none",
        "--seed", str(SEED), "--exercises", *EXERCISES, "--json", str(out), cwd=tmp_path)  # fmt: skip
    document = json.loads(out.read_text())
    return sum(e["earned"] for e in document["exercises"]), sum(e["possible"] for e in document["exercises"])


def code_lines(notebook: dict) -> set[str]:
    """The notebook's lines of code, comments left out."""
    lines = set()
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            lines |= {s for line in source.splitlines() if (s := line.strip()) and not s.startswith("#")}
    return lines


def solution_lines(exercise: layout.Exercise) -> set[str]:
    lines, inside = set(), False
    for line in exercise.solution.read_text().splitlines():
        stripped = line.strip()
        if stripped in (BEGIN_SOLUTION, END_SOLUTION):
            inside = stripped == BEGIN_SOLUTION
        elif inside and len(stripped) > 12 and not stripped.startswith(("#", '"""')):
            lines.add(stripped)
    return lines


def test_the_student_version_holds_no_solution_code_and_no_hidden_test(course):
    for exercise in exercises():
        text = (course / "release" / ASSIGNMENT / f"{exercise.name}.ipynb").read_text()
        notebook = json.loads(text)
        assert solution_lines(exercise)
        assert not solution_lines(exercise) & code_lines(notebook), exercise.id
        assert "HIDDEN TESTS" not in text and "grade_cell" not in text and BEGIN_SOLUTION not in text
        assert "raise NotImplementedError()" in text


def test_references_get_full_marks(course):
    earned, possible = scores(course)["reference"]
    assert possible > 0 and earned == possible


def test_untouched_notebooks_get_nothing(course):
    earned, possible = scores(course)["untouched"]
    assert possible > 0 and earned == 0


def test_a_mutant_loses_exactly_the_points_mlkata_grade_takes(course, tmp_path):
    tree = tmp_path / "mutant"
    for exercise in exercises():
        (tree / exercise.topic).mkdir(parents=True, exist_ok=True)
        # the engine grades a mutant run over its solution; the notebook appends it to the answers
        overlaid = exercise.solution.read_text() + "\n\n" + first_mutant(exercise).read_text()
        (tree / exercise.relative_module).write_text(overlaid)
    expected, possible = mlkata_points(tree, tmp_path)
    assert expected < possible
    assert scores(course)["mutant"] == (expected, possible)


def test_warnings_on_stderr_cost_no_points(course):
    earned, possible = scores(course)["noisy"]
    assert earned == possible
    # the noise did reach stderr: nbgrader saw it in the answer cells, and it cost nothing
    graded = json.loads((course / "autograded" / "noisy" / ASSIGNMENT / "drift_report.ipynb").read_text())
    streams = [o for cell in graded["cells"] for o in cell.get("outputs", []) if o["output_type"] == "stream"]
    assert any(o["name"] == "stderr" and "ConvergenceWarning" in "".join(o["text"]) for o in streams)
