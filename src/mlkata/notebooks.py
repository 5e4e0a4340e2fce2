"""``mlkata nbgrader``: an nbgrader course source, one notebook per exercise, graded by the kit's graders.

A notebook holds the prompt (the solution's module docstring), the reference split into code cells
(a region at module level gets a solution cell of its own, so that the student's unwritten helpers
do not stop the functions below from being defined), then one autograder test cell per grader test
item, worth that test's ``@pytest.mark.points``. nbgrader's own markers do the rest:
``generate_assignment`` clears the solution regions and removes the hidden tests; ``autograde`` puts
the tests back and runs every cell in one kernel.

A test cell's hidden part calls :func:`grade_cell`. The first call in a notebook writes the answer
cells the kernel ran as the exercise's module and runs the exercise's real graders on it in a pytest
subprocess, with the candidate's code in the sandbox (``mlkata nbgrader --isolation process``, the
default) or, for a course exported with ``--isolation none``, in that subprocess. Where the sandbox
cannot be built the cell fails with the reason: grading never falls back to running in-process. The
cell that grades prints which fences stood.

nbgrader runs the student's cells in its kernel by design, and :func:`grade_cell` runs there too: the
sandbox keeps candidate code out of the graders' process, not out of the kernel, which can read the
course folder and tamper with the test cells that follow. For untrusted cohorts, grade the submitted
notebooks with ``mlkata grade`` instead: :func:`write_answers` turns nbgrader's
``submitted/<student>/<assignment>/`` into a folder that mirrors exercises/.

**From cells to a module** (:func:`answers_from_notebook`; :func:`grade_cell` applies the same rule to
the cells the kernel ran). Every code cell is part of the answer (the solution cells, the given code,
cells the student added) but the autograder test cells and any cell that mentions ``grade_cell``.
Each is taken as the kernel runs it, in which an error ends its cell but not the notebook: IPython
magics and shell lines are commented out, a cell that still does not compile is left out, and so are
the top-level expressions, asserts and raises (trying a function out, nbgrader's ``raise
NotImplementedError()`` where a module-level answer is unwritten), so that the module imports as
the exercise's stub does. Any other top-level statement that raises ends the import, as it would
under ``mlkata grade``.

The course gets ``mlkata-kit/`` (graders, solutions, data, the pytest settings, and the course's
seed and isolation), which the test cells find by looking upwards from the notebook's folder.

nbgrader gives a graded cell no points when it writes to stderr, so :func:`grade_cell` keeps the
graders' and the candidate's warnings and prints out of the cell's output: they cost nothing.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import inspect
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import types
import uuid
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from mlkata import layout
from mlkata.isolation import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, ISOLATIONS, add_isolation_arguments
from mlkata.seeds import random_grading_seed
from mlkata.stubs import BEGIN_SOLUTION, BEGIN_STUB, END_SOLUTION, END_STUB

if TYPE_CHECKING:
    from mlkata.cohort import GradingOptions

KIT_DIR = "mlkata-kit"
COURSE_FILE = "mlkata-course.json"
SCHEMA_VERSION = 3  # of nbgrader's cell metadata
STARTING_CODE_NOTE = (
    "# The starting code (it runs, but its results are wrong): uncomment it, then find and fix the bug."
)
_KIT_PARTS = ("pyproject.toml", "data", layout.GRADERS_DIR, layout.SOLUTIONS_DIR)
MAX_NOTEBOOK_BYTES = 32 << 20  # a submitted notebook, outputs (plots) included
MAX_ANSWER_CHARACTERS = 1_000_000  # of code: the references are a few thousand

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


class GradingUnavailable(RuntimeError):
    """The graders could not run (the sandbox cannot be built, say); the message is the one-line reason."""


class UnreadableNotebook(ValueError):
    """A notebook whose answers cannot be taken; the message says why."""


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
    root: Path,
    course: Path,
    assignment: str,
    exercises: list[layout.Exercise],
    *,
    seed: int | None = None,
    isolation: str = "process",
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> int:
    """Write (or refresh) ``course``: its kit copy, its nbgrader config, and source/``assignment``/.

    The course keeps one grading seed for all its assignments: ``seed``, else the one it has, else
    a drawn one. Returns it. ``isolation``, ``timeout`` and ``memory_mb`` are how its test cells
    grade (as ``mlkata grade``'s options): each export sets them, so in-process grading is never
    inherited from an earlier export."""
    if not exercises:
        raise ExportError("no exercise selected: name topics or exercises the kit has")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", assignment):
        raise ExportError(f"assignment {assignment!r}: use letters, digits, '-' and '_' (nbgrader names folders so)")
    if isolation not in ISOLATIONS:
        raise ExportError(f"isolation {isolation!r}: use one of {', '.join(ISOLATIONS)}")
    folder = course / "source" / assignment
    if folder.exists():
        raise ExportError(f"{folder} already exists: choose another --assignment, or remove it (nothing was written)")
    items = grader_items(root, exercises)
    kit = course / KIT_DIR
    if seed is None:
        seed = course_settings(kit).seed if (kit / COURSE_FILE).is_file() else random_grading_seed()
    if kit.exists():
        shutil.rmtree(kit)  # the kit copy is generated: refresh it with the kit's current graders
    layout.copy_kit_parts(root, kit, _KIT_PARTS)
    settings = {"seed": seed, "isolation": isolation, "timeout": timeout, "memory_mb": memory_mb}
    (kit / COURSE_FILE).write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(NBGRADER_CONFIG.format(course=course.resolve().name), encoding="utf-8")
    folder.mkdir(parents=True)
    for exercise in exercises:
        notebook = exercise_notebook(exercise, items[exercise.id])
        (folder / f"{exercise.name}.ipynb").write_text(json.dumps(notebook, indent=1) + "\n", encoding="utf-8")
    return seed


def course_settings(kit: Path) -> GradingOptions:
    """How the course whose kit copy is ``kit`` grades: its seed, isolation and limits (a course
    exported before the isolation was kept grades in the sandbox)."""
    from mlkata.cohort import GradingOptions

    settings = json.loads((kit / COURSE_FILE).read_text(encoding="utf-8"))
    isolation = settings.get("isolation", "process")
    if isolation not in ISOLATIONS:
        raise ValueError(f"{kit / COURSE_FILE}: isolation {isolation!r} is not one of {', '.join(ISOLATIONS)}")
    return GradingOptions(
        seed=int(settings["seed"]),
        isolation=isolation,
        timeout=float(settings.get("timeout", DEFAULT_TIMEOUT)),
        memory_mb=int(settings.get("memory_mb", DEFAULT_MEMORY_MB)),
    )


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
# answers out of notebooks

GRADE_CELL = "grade_cell"
# top-level statements a file cannot run as a kernel does (there, an error ends only its cell)
_LEFT_OUT = (ast.Expr, ast.Assert, ast.Raise)


def _parse(code: str) -> ast.Module | SyntaxError:
    try:
        return ast.parse(code)
    except SyntaxError as error:
        return error
    except (ValueError, RecursionError) as error:  # null bytes, lone surrogates; nesting too deep for the parser
        return SyntaxError(str(error))


def _without_ipython_syntax(code: str) -> str:
    """``code`` with its magics (``%``, ``%%``) and shell lines (``!``) commented out."""
    lines = code.split("\n")
    return "\n".join("# " + line if line.lstrip().startswith(("%", "!")) else line for line in lines)


def _module_code(cell: str) -> tuple[list[str], str]:
    """One cell's code as module code: its ``__future__`` imports, and the rest, without what
    :data:`_LEFT_OUT` names (see the module docstring)."""
    code = cell.replace("\r\n", "\n").replace("\r", "\n")
    tree = _parse(code)
    if isinstance(tree, SyntaxError):
        code = _without_ipython_syntax(code)
        tree = _parse(code)
    if isinstance(tree, SyntaxError):
        # the message on one line, whatever line breaks it quotes: a comment must not end early
        return [], f"# a cell that does not compile was left out ({' '.join(str(tree.msg).split())})"
    lines = code.split("\n")
    future = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module == "__future__"]
    dropped = [n for n in tree.body if isinstance(n, _LEFT_OUT) or n in future]
    kept_lines = {line for n in tree.body if n not in dropped for line in (n.lineno, n.end_lineno)}
    removed = set()
    for node in dropped:
        span = set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        if not span & kept_lines:  # never cut a line another statement shares (``x = 1; f()``)
            removed |= span
    imports = ["\n".join(lines[n.lineno - 1 : n.end_lineno]) for n in future if n.lineno in removed]
    return imports, "\n".join(line for number, line in enumerate(lines, 1) if number not in removed).strip("\n")


def _answers_module(cells: list[str]) -> str:
    """The module made of answer cells' code, in order; test cells (those naming grade_cell) left out."""
    size = sum(len(cell) for cell in cells)
    if size > MAX_ANSWER_CHARACTERS:
        raise UnreadableNotebook(
            f"its answer cells hold {size:,} characters of code, more than the {MAX_ANSWER_CHARACTERS:,} an answer may"
        )
    imports, parts = [], []
    for cell in cells:
        if GRADE_CELL not in cell:
            cell_imports, code = _module_code(cell)
            imports += cell_imports
            parts += [code] if code.strip() else []
    return "\n\n\n".join(["\n".join(imports)] * bool(imports) + parts) + "\n"


def _read_notebook(path: Path) -> object:
    """The JSON of the notebook file at ``path``: a regular file (not a link, a pipe or a device) of
    at most :data:`MAX_NOTEBOOK_BYTES`."""
    if path.is_symlink():
        raise UnreadableNotebook("it is a link, not a notebook file")
    try:
        # no following a link swapped in since, and no waiting on a pipe
        handle = os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK), "rb")
    except OSError as error:
        raise UnreadableNotebook(f"it cannot be opened ({error.strerror})") from None
    with handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableNotebook("it is not a regular file")
        data = handle.read(MAX_NOTEBOOK_BYTES + 1)
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise UnreadableNotebook(f"it is larger than {MAX_NOTEBOOK_BYTES >> 20} MB")
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as error:
        raise UnreadableNotebook(f"it is not JSON ({str(error).splitlines()[0][:200]})") from None


def _cell_source(cell: dict, number: int) -> str:
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    if not isinstance(source, str):
        raise UnreadableNotebook(f"cell {number}'s source is {type(source).__name__}, not text")
    return source


def _answer_cells(notebook: object) -> list[str]:
    """The source of each code cell of ``notebook`` but its autograder test cells."""
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise UnreadableNotebook("it holds no list of cells (an nbformat 4 notebook does)")
    sources = []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            raise UnreadableNotebook(f"cell {number} is {type(cell).__name__}, not a cell")
        if cell.get("cell_type") != "code":
            continue
        metadata = cell.get("metadata", {})
        marks = metadata.get("nbgrader", {}) if isinstance(metadata, dict) else None
        if not isinstance(marks, dict):
            raise UnreadableNotebook(f"cell {number}'s metadata is not a mapping")
        if not (marks.get("grade") and not marks.get("solution")):
            sources.append(_cell_source(cell, number))
    return sources


def answers_from_notebook(notebook: dict | Path) -> str:
    """The module made of ``notebook``'s answer cells (a notebook's JSON, or its file), to grade as
    the exercise's file; :class:`UnreadableNotebook` when it cannot be read or is too big."""
    return _answers_module(_answer_cells(_read_notebook(notebook) if isinstance(notebook, Path) else notebook))


def write_answers(notebooks_folder: Path, destination: Path, exercises: list[layout.Exercise]) -> list[str]:
    """For each of ``exercises`` whose ``<name>.ipynb`` is in ``notebooks_folder`` (nbgrader's
    ``submitted/<student>/<assignment>/``), write its answers as ``destination/<topic>/<name>.py``: a
    folder that mirrors exercises/, for ``mlkata grade``. Returns why each notebook left out was."""
    skipped = []
    for exercise in exercises:
        notebook = notebooks_folder / f"{exercise.name}.ipynb"
        if not os.path.lexists(notebook):
            continue
        try:
            module = answers_from_notebook(notebook)
        except UnreadableNotebook as error:
            skipped.append(f"{notebook.name}: {error}")
            continue
        target = destination / exercise.relative_module
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(module, encoding="utf-8")
    return skipped


# ---------------------------------------------------------------------------------------------
# grading a notebook from its kernel

_graded: dict[tuple[str, str, str], dict[str, tuple[str, str]] | GradingUnavailable] = {}


def find_kit(start: Path | None = None) -> Path:
    """The course's kit copy: ``$MLKATA_KIT``, or ``mlkata-kit/`` in the nearest folder above ``start``."""
    if os.environ.get("MLKATA_KIT"):
        return Path(os.environ["MLKATA_KIT"]).resolve()
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / KIT_DIR / layout.GRADERS_DIR).is_dir():
            return folder / KIT_DIR
    raise layout.KitNotFound(f"no {KIT_DIR}/ at or above {start}: run this notebook inside its nbgrader course")


def _namespace_module(namespace: dict) -> str:
    """A module standing for ``namespace`` where no kernel history is: its imports and literal
    constants, then the source of the functions and classes defined in it."""
    header, definitions = [], []
    for name, value in namespace.items():
        if name.startswith("__") or not name.isidentifier():
            continue
        module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
        if isinstance(value, types.ModuleType):
            header.append(f"import {value.__name__} as {name}")
        elif module == namespace.get("__name__") and (inspect.isfunction(value) or inspect.isclass(value)):
            with contextlib.suppress(OSError, TypeError):  # defined where no source is kept
                definitions.append(textwrap.dedent(inspect.getsource(value)))
        elif isinstance(module, str) and isinstance(qualname, str) and qualname.isidentifier():
            header.append(f"from {module} import {qualname} as {name}")
        else:
            with contextlib.suppress(Exception):  # anything but a literal is left out
                if ast.literal_eval(repr(value)) == value:
                    header.append(f"{name} = {value!r}")
    return _answers_module(["\n".join(header), *definitions])


def _graded_module(namespace: dict) -> str:
    """What :func:`grade_cell` grades for ``namespace``.

    In an IPython kernel (``namespace`` is its user namespace): the cells it ran, from its raw input
    history, taken as :func:`answers_from_notebook` takes a notebook's cells. The history is the
    faithful source: it has the module-level code (imports, constants, a function wrapped by an
    assignment) that the functions' own source lacks, and it is raw, so a ``%%time`` cell keeps its
    code. Elsewhere (a script's ``globals()``): the source of the namespace's own functions."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and any(namespace is ns for ns in (shell.user_ns, shell.user_global_ns)):
        return _answers_module(list(shell.history_manager.input_hist_raw))
    return _namespace_module(namespace)


def _failure_reason(output: str) -> str:
    """The one line that says why a pytest session did not grade: its usage error, else its last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line.removeprefix("ERROR:").strip() for line in lines if line.startswith("ERROR:")]
    return (errors or lines or ["it wrote nothing"])[-1]


def _grade_module(kit: Path, exercise_id: str, module: str) -> dict[str, tuple[str, str]]:
    """Grade ``module`` as ``exercise_id``'s file with the course's settings, in a pytest subprocess;
    each grader test item's outcome and message. Prints which fences stood around the candidate's code."""
    from mlkata.sessions import run_graders

    [exercise] = layout.select(layout.discover(kit), [exercise_id])
    settings = course_settings(kit)
    with tempfile.TemporaryDirectory(prefix="mlkata-notebook-") as scratch:
        tree = Path(scratch, "answers")
        (tree / exercise.relative_module).parent.mkdir(parents=True)
        (tree / exercise.relative_module).write_text(module, encoding="utf-8")
        options = [f"--rootdir={kit}", "-c", str(kit / "pyproject.toml"), f"--mlkata-impl={tree}"]
        options += [f"--mlkata-seed={settings.seed}", f"--mlkata-isolation={settings.isolation}"]
        options += [f"--mlkata-timeout={settings.timeout:g}", f"--mlkata-memory={settings.memory_mb}"]
        session = run_graders(kit, [exercise.grader], options)
    # a record's test is the item's name with its parameters, which is how a notebook's test cells name them
    outcomes = {record.test: (record.outcome, record.message) for record in session.records}
    if session.returncode not in (0, 1) or not outcomes:
        reason = _failure_reason(session.output)
        raise GradingUnavailable(f"{exercise_id} was not graded (pytest exit {session.returncode}): {reason}")
    if settings.isolation == "none":
        where = "in-process (the course was exported with --isolation none)"
    else:
        where = "in a sandbox: " + ", ".join(session.isolation)
    print(f"mlkata: graded {exercise_id}; the answers ran {where}")
    return {item: (outcome, message) for item, (outcome, message) in outcomes.items()}


def grade_cell(exercise_id: str, item: str, namespace: dict) -> None:
    """A notebook test cell: pass when the grader test ``item`` passes on the notebook's answers
    (:func:`_graded_module`), else raise :class:`NotPassed` with the grader's message, or
    :class:`GradingUnavailable` when the graders could not run. The graders run once per state of the
    answers; warnings and prints are kept out of the cell's output."""
    kit = find_kit()
    module = _graded_module(namespace)
    key = (str(kit), exercise_id, module)
    if key not in _graded:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                _graded[key] = _grade_module(kit, exercise_id, module)
            except GradingUnavailable as unavailable:
                _graded[key] = unavailable  # the notebook's other test cells fail at once, with the same reason
    graded = _graded[key]
    if isinstance(graded, GradingUnavailable):
        raise GradingUnavailable(str(graded))
    outcome, message = graded.get(item, ("grader error", f"no grader test {item!r} ran"))
    if outcome != "passed":
        raise NotPassed(f"[{outcome}] {message}")


# ---------------------------------------------------------------------------------------------
# the command


def cmd_nbgrader(args: argparse.Namespace) -> int:
    root = layout.find_kit_root(args.root)
    patterns = [*(args.topics or []), *(args.exercises or [])]
    exercises = layout.select(layout.discover(root), patterns or None)
    try:
        seed = export_course(
            root,
            args.course_dir,
            args.assignment,
            exercises,
            seed=args.seed,
            isolation=args.isolation,
            timeout=args.timeout,
            memory_mb=args.memory,
        )
    except ExportError as error:
        print(f"mlkata nbgrader: {error}", file=sys.stderr)
        return 2
    print(
        f"wrote {len(exercises)} notebook(s) to {args.course_dir / 'source' / args.assignment} "
        f"(grading seed {seed}, isolation {args.isolation}); "
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
    add_isolation_arguments(parser)  # kept in mlkata-kit/ too; each export sets them
    parser.set_defaults(run=cmd_nbgrader)
