"""``mlkata nbgrader``: an nbgrader course source, one notebook per exercise, graded by the kit's graders.

A notebook holds the prompt (the solution's module docstring), the reference split into code cells
(a region at module level gets a solution cell of its own, so that the student's unwritten helpers
do not stop the functions below from being defined), then one autograder test cell per grader test
item, worth that test's ``@pytest.mark.points``. A test cell's hidden part calls :func:`grade_cell`,
which runs the exercise's real graders, in the kernel, against the notebook's namespace, and fails
the cell unless its test passed. nbgrader's own markers do the rest: ``generate_assignment`` clears
the solution regions and removes the hidden tests; ``autograde`` puts the tests back and runs them.

The course gets ``mlkata-kit/`` (graders, solutions, data, the pytest settings and the course's
seed), which the test cells find by looking upwards from the notebook's folder.

nbgrader gives a graded cell no points when it writes to stderr, so :func:`grade_cell` keeps the
graders' and the candidate's warnings and prints out of the cell's output: they cost nothing.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
import warnings
from pathlib import Path

from mlkata import layout
from mlkata.seeds import random_grading_seed
from mlkata.stubs import BEGIN_SOLUTION, BEGIN_STUB, END_SOLUTION, END_STUB

KIT_DIR = "mlkata-kit"
COURSE_FILE = "mlkata-course.json"
SCHEMA_VERSION = 3  # of nbgrader's cell metadata
STARTING_CODE_NOTE = (
    "# The starting code (it runs, but its results are wrong): uncomment it, then find and fix the bug."
)
_KIT_PARTS = ("pyproject.toml", "data", layout.GRADERS_DIR, layout.SOLUTIONS_DIR)

NBGRADER_CONFIG = """\
# nbgrader's settings for this course, written by `mlkata nbgrader` (edit freely: it is not rewritten)
c = get_config()
c.CourseDirectory.course_id = {course!r}
# the first test cell of a notebook runs all of the exercise's graders: give it time
c.Execute.timeout = 600
"""


class ExportError(ValueError):
    """The course cannot be written as asked; the message says what to change."""


class NotPassed(Exception):
    """A grader test that did not pass; its message is the grader's teaching message."""


# ---------------------------------------------------------------------------------------------
# writing the course


def _cell(kind: str, source: str, nbgrader: dict | None = None) -> dict:
    cell = {"cell_type": kind, "id": uuid.uuid4().hex[:12], "metadata": {}, "source": source}
    if nbgrader is not None:
        cell["metadata"]["nbgrader"] = {"schema_version": SCHEMA_VERSION, "task": False, **nbgrader}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _code_chunks(source: str) -> list[str]:
    """The solution's code after its docstring, cut around module-level solution regions."""
    tree = ast.parse(source)
    lines = source.splitlines()
    if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant):
        lines = lines[tree.body[0].end_lineno :]
    chunks: list[list[str]] = [[]]
    inside_module_region = False
    for line in lines:
        stripped = line.strip()
        if stripped == BEGIN_STUB:
            line = line[: len(line) - len(line.lstrip())] + STARTING_CODE_NOTE
        elif stripped == END_STUB:
            continue
        if line == BEGIN_SOLUTION:
            chunks.append([])
            inside_module_region = True
        chunks[-1].append(line)
        if inside_module_region and line == END_SOLUTION:
            chunks.append([])
            inside_module_region = False
    texts = ["\n".join(chunk).strip("\n") for chunk in chunks]
    return [text for text in texts if text.strip()]


def grader_items(root: Path, exercises: list[layout.Exercise]) -> dict[str, list[tuple[str, float, str]]]:
    """Per exercise, its grader test items in order: (item name, points, the test's question)."""
    graders = [str(e.grader) for e in exercises]
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *graders]
    completed = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise ExportError(f"collecting the graders failed:\n{completed.stdout[-2000:]}{completed.stderr[-2000:]}")
    items: dict[str, list[tuple[str, float, str]]] = {e.id: [] for e in exercises}
    by_grader = {e.grader.resolve(): e for e in exercises}
    described: dict[Path, dict[str, tuple[float, str]]] = {}
    for line in completed.stdout.splitlines():
        path, sep, item = line.partition("::")
        if not sep:
            continue
        grader = (root / path).resolve()
        if grader not in described:
            described[grader] = _points_and_questions(grader)
        points, question = described[grader][item.split("[")[0]]
        items[by_grader[grader].id].append((item, points, question))
    return items


def _points_and_questions(grader: Path) -> dict[str, tuple[float, str]]:
    found = {}
    for node in ast.parse(grader.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            points = 1.0
            for decorator in node.decorator_list:
                if (
                    isinstance(decorator, ast.Call)
                    and ast.unparse(decorator.func).endswith("mark.points")
                    and decorator.args
                ):
                    points = float(ast.literal_eval(decorator.args[0]))
            found[node.name] = (points, (ast.get_docstring(node) or node.name).splitlines()[0])
    return found


def exercise_notebook(exercise: layout.Exercise, items: list[tuple[str, float, str]]) -> dict:
    """The instructor's notebook of one exercise, as nbformat 4 JSON."""
    source = exercise.solution.read_text(encoding="utf-8")
    prompt = ast.get_docstring(ast.parse(source)) or ""
    cells = [_cell("markdown", f"# {exercise.id}\n\n{prompt}")]
    for index, chunk in enumerate(_code_chunks(source)):
        if BEGIN_SOLUTION in chunk:
            marks = {"grade": False, "solution": True, "locked": False, "grade_id": f"{exercise.name}-answer-{index}"}
            cells.append(_cell("code", chunk, marks))
        else:
            cells.append(_cell("code", chunk))
    total = sum(points for _, points, _ in items)
    cells.append(
        _cell(
            "markdown",
            f"## Graded ({total:g} points)\n\nEach cell below is one hidden grader test. Run the cells above, "
            "then these: at grading time they check your functions on freshly generated data.",
        )
    )
    for index, (item, points, question) in enumerate(items):
        test = (
            f"# {question} ({points:g} point{'s' if points != 1 else ''})\n### BEGIN HIDDEN TESTS\n"
            f"from mlkata.notebooks import grade_cell\n\n"
            f"grade_cell({exercise.id!r}, {item!r}, globals())\n### END HIDDEN TESTS"
        )
        grade_id = re.sub(r"[^A-Za-z0-9_-]", "-", f"{exercise.name}-{index}-{item}")[:60]
        marks = {"grade": True, "solution": False, "locked": True, "points": points, "grade_id": grade_id}
        cells.append(_cell("code", test, marks))
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def export_course(
    root: Path, course: Path, assignment: str, exercises: list[layout.Exercise], *, seed: int | None = None
) -> int:
    """Write (or refresh) ``course``: its kit copy, its nbgrader config, and source/``assignment``/.

    The course keeps one grading seed for all its assignments: ``seed``, else the one it has, else
    a drawn one. Returns it."""
    if not exercises:
        raise ExportError("no exercise selected: name topics or exercises the kit has")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", assignment):
        raise ExportError(f"assignment {assignment!r}: use letters, digits, '-' and '_' (nbgrader names folders so)")
    folder = course / "source" / assignment
    if folder.exists():
        raise ExportError(f"{folder} already exists: choose another --assignment, or remove it (nothing was written)")
    items = grader_items(root, exercises)
    kit = course / KIT_DIR
    if seed is None:
        seed = course_seed(kit) if (kit / COURSE_FILE).is_file() else random_grading_seed()
    if kit.exists():
        shutil.rmtree(kit)  # the kit copy is generated: refresh it with the kit's current graders
    layout.copy_kit_parts(root, kit, _KIT_PARTS)
    (kit / COURSE_FILE).write_text(json.dumps({"seed": seed}, indent=2) + "\n", encoding="utf-8")
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(NBGRADER_CONFIG.format(course=course.resolve().name), encoding="utf-8")
    folder.mkdir(parents=True)
    for exercise in exercises:
        notebook = exercise_notebook(exercise, items[exercise.id])
        (folder / f"{exercise.name}.ipynb").write_text(json.dumps(notebook, indent=1) + "\n", encoding="utf-8")
    return seed


def course_seed(kit: Path) -> int:
    """The grading seed of the course whose kit copy is ``kit``."""
    return int(json.loads((kit / COURSE_FILE).read_text(encoding="utf-8"))["seed"])


def answer_notebook(student: dict, instructor: dict, extra_code: str = "") -> dict:
    """``student``'s notebook with every solution cell answered as in ``instructor``'s (markers
    dropped), and ``extra_code`` (a mutant, say) after the last answer: a filled-in submission."""
    answers = {
        cell["metadata"]["nbgrader"]["grade_id"]: cell["source"]
        for cell in instructor["cells"]
        if cell["metadata"].get("nbgrader", {}).get("solution")
    }
    filled = copy.deepcopy(student)
    answer_cells = [c for c in filled["cells"] if c["metadata"].get("nbgrader", {}).get("solution")]
    for cell in answer_cells:
        source = answers[cell["metadata"]["nbgrader"]["grade_id"]]
        source = "".join(source) if isinstance(source, list) else source
        kept = [line for line in source.splitlines() if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION)]
        cell["source"] = "\n".join(kept)
    if extra_code and answer_cells:
        answer_cells[-1]["source"] += "\n\n" + extra_code
    return filled


# ---------------------------------------------------------------------------------------------
# grading inside the notebook's kernel

NAMESPACES: dict[str, dict] = {}  # grading run -> the notebook namespace it grades
_graded: dict[tuple, dict[str, tuple[str, str]]] = {}


def find_kit(start: Path | None = None) -> Path:
    """The course's kit copy: ``$MLKATA_KIT``, or ``mlkata-kit/`` in the nearest folder above ``start``."""
    if os.environ.get("MLKATA_KIT"):
        return Path(os.environ["MLKATA_KIT"]).resolve()
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / KIT_DIR / layout.GRADERS_DIR).is_dir():
            return folder / KIT_DIR
    raise layout.KitNotFound(f"no {KIT_DIR}/ at or above {start}: run this notebook inside its nbgrader course")


class _Collector:
    """Keeps each graded item's outcome and message, from the record the mlkata plugin attaches."""

    def __init__(self) -> None:
        self.outcomes: dict[str, tuple[str, str]] = {}

    def pytest_runtest_logreport(self, report) -> None:
        record = next((value for name, value in report.user_properties if name == "mlkata"), None)
        if record is not None:
            self.outcomes[report.nodeid.split("::", 1)[1]] = (record["outcome"], record["message"])


def _grade_namespace(exercise_id: str, namespace: dict) -> dict[str, tuple[str, str]]:
    """Run the exercise's graders against ``namespace``; the outcome and message of each item."""
    import pytest

    kit = find_kit()
    [exercise] = layout.select(layout.discover(kit), [exercise_id])
    seed = course_seed(kit)
    run = uuid.uuid4().hex
    NAMESPACES[run] = {k: v for k, v in namespace.items() if not (k.startswith("__") and k.endswith("__"))}
    collector = _Collector()
    with tempfile.TemporaryDirectory(prefix="mlkata-notebook-") as scratch:
        module = Path(scratch, exercise.relative_module)
        module.parent.mkdir(parents=True)
        # the graded module is the notebook's namespace; the run's id makes it a new module each time
        module.write_text(f"import mlkata.notebooks\n\nglobals().update(mlkata.notebooks.NAMESPACES[{run!r}])\n")
        args = [str(exercise.grader), f"--rootdir={kit}", "-c", str(kit / "pyproject.toml")]
        args += [f"--mlkata-impl={scratch}"]
        args += [f"--mlkata-seed={seed}", "--mlkata-isolation=none", "-p", "no:cacheprovider", "-W", "ignore", "-q"]
        try:
            with contextlib.redirect_stdout(io.StringIO()) as log, contextlib.redirect_stderr(log):
                status = pytest.main(args, plugins=[collector])
        finally:
            del NAMESPACES[run]
    if status not in (0, 1) or not collector.outcomes:
        raise RuntimeError(f"grading {exercise_id} did not finish (pytest exit {status}):\n{log.getvalue()[-3000:]}")
    return collector.outcomes


def grade_cell(exercise_id: str, item: str, namespace: dict) -> None:
    """A notebook test cell: pass when the grader test ``item`` passes on the notebook's functions,
    else raise :class:`NotPassed` with the grader's message. The exercise's graders run once per
    state of the notebook's functions; warnings and prints are kept out of the cell's output."""
    state = tuple(sorted((k, id(v)) for k, v in namespace.items() if callable(v) and not k.startswith("__")))
    key = (exercise_id, state)
    if key not in _graded:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _graded[key] = _grade_namespace(exercise_id, namespace)
    outcome, message = _graded[key].get(item, ("grader error", f"no grader test {item!r} ran"))
    if outcome != "passed":
        raise NotPassed(f"[{outcome}] {message}")


# ---------------------------------------------------------------------------------------------
# the command


def cmd_nbgrader(args: argparse.Namespace) -> int:
    root = layout.find_kit_root(args.root)
    patterns = [*(args.topics or []), *(args.exercises or [])]
    exercises = layout.select(layout.discover(root), patterns or None)
    try:
        seed = export_course(root, args.course_dir, args.assignment, exercises, seed=args.seed)
    except ExportError as error:
        print(f"mlkata nbgrader: {error}", file=sys.stderr)
        return 2
    print(
        f"wrote {len(exercises)} notebook(s) to {args.course_dir / 'source' / args.assignment} (grading seed {seed}); "
        f"next: cd {args.course_dir} && nbgrader generate_assignment {args.assignment}"
    )
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``mlkata nbgrader`` on the ``mlkata`` command's subparsers."""
    from mlkata.release import topic_argument

    parser = commands.add_parser(
        "nbgrader",
        help="write an nbgrader course source: a notebook per exercise, autograded by the kit's graders",
        description=__doc__.split("\n\n")[0],
        epilog="examples:\n  mlkata nbgrader course/ --assignment week1 --topics evaluation\n"
        "  cd course && nbgrader generate_assignment week1 && nbgrader autograde week1",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("course_dir", type=Path, metavar="COURSE_DIR", help="the nbgrader course folder")
    parser.add_argument("--assignment", default="mlkata", help="the assignment's name (default: mlkata)")
    parser.add_argument("--topics", nargs="+", type=topic_argument, metavar="TOPIC", help="whole topics to include")
    parser.add_argument("--exercises", nargs="+", metavar="ID", help="exercise ids or names to include")
    parser.add_argument(
        "--seed",
        type=int,
        help="the course's grading seed (default: the course's own, or drawn; kept in mlkata-kit/)",
    )
    parser.set_defaults(run=cmd_nbgrader)
