"""``mlkata release``: the bundle a student gets, and optionally a git repository with a solutions branch.

A release holds the stubs (``exercises/``), the data generators (``data/``, with the one engine
module they import), the hints, the prompts, a student README, and public checks
(``public_checks/``) that ``pytest`` runs: each exercise defines its documented functions with the
documented parameters, and its docstring examples give the documented results. It never holds a
reference solution, a hidden grader, a mutant or an alternative. With ``--git`` it is a repository
whose only branch, ``main``, holds the bundle; the answer key goes to a second repository beside it
(``OUT-solutions``), a clone of the first whose ``solutions`` branch has the references in place of
the stubs. The students' repository holds no ref, branch, tag or object with a reference in it, so
no push, zip or template copy of it can leak one.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from mlkata import layout
from mlkata.stubs import make_stub

ENGINE = Path(__file__).resolve().parent
PUBLIC_CHECKS_DIR = "public_checks"
SOLUTIONS_BRANCH = "solutions"
HIDDEN_GRADERS_NOTE = (
    "public checks only: they check the documented functions and the docstring examples; "
    "the hidden graders run at grading time, on fresh data"
)

_PYTEST_CONFIG = """\
[tool.pytest.ini_options]
# `pytest` runs the public checks; the hidden graders run at grading time
testpaths = ["public_checks"]
pythonpath = ["."]
addopts = ["-p", "no:mlkata"]
"""

_CONFTEST = f'''\
"""Says what `pytest` checks here: the public checks, not the hidden graders."""

NOTE = {HIDDEN_GRADERS_NOTE!r}


def pytest_report_header(config):
    return [f"mlkata release: {{NOTE}}"]


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(f"mlkata release: {{NOTE}}.")
'''

_GENERATORS_INIT = '"""The one part of the mlkata engine a release ships: support for the data generators."""\n'


class ReleaseError(ValueError):
    """The release cannot be written as asked; the message says what to change."""


def documented_functions(solution_source: str) -> dict[str, list[list[str]]]:
    """The functions a candidate writes (public, at module level), each with its parameters as
    ``[name, kind]`` pairs, ``kind`` named as ``inspect.Parameter`` names it."""
    functions = {}
    for node in ast.parse(solution_source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
            arguments = node.args
            parameters = [[a.arg, "POSITIONAL_ONLY"] for a in arguments.posonlyargs]
            parameters += [[a.arg, "POSITIONAL_OR_KEYWORD"] for a in arguments.args]
            if arguments.vararg:
                parameters.append([arguments.vararg.arg, "VAR_POSITIONAL"])
            parameters += [[a.arg, "KEYWORD_ONLY"] for a in arguments.kwonlyargs]
            if arguments.kwarg:
                parameters.append([arguments.kwarg.arg, "VAR_KEYWORD"])
            functions[node.name] = parameters
    return functions


def _prompt(exercise: layout.Exercise) -> str:
    return ast.get_docstring(ast.parse(exercise.solution.read_text(encoding="utf-8"))) or ""


def _requirements(root: Path) -> str:
    """The libraries the exercises and generators use: the kit's dependencies, less the graders' own."""
    try:
        dependencies = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        dependencies = [r for r in metadata.requires("mlkata") or [] if "extra ==" not in r]
    wanted = [r.split(";")[0].strip() for r in dependencies if not r.startswith("hypothesis")]
    return "\n".join(wanted) + "\n"


def _readme(exercises: list[layout.Exercise]) -> str:
    rows = "\n".join(f"| `{e.id}` | {_prompt(e).splitlines()[0] if _prompt(e) else ''} |" for e in exercises)
    return f"""# Machine-learning exercises

Each file in `exercises/<topic>/` is one exercise: its docstrings are the question (the scenario,
the exact contract, what is graded). Replace each `raise NotImplementedError` with your answer.
The same prompts are collected in [PROMPTS.md](PROMPTS.md); `hints/` holds progressive hints.

The two commands you need (Python 3.11 or newer):

```bash
python -m pip install -r requirements.txt
pytest
```

`pytest` runs the public checks of every exercise (`pytest -k alert_threshold` for one): each
exercise defines the functions its prompt documents, with the documented parameters, and the
examples in its docstrings give the results they show. Passing them is a start, not a grade: the
hidden graders run at grading time, on freshly generated data, and check the whole contract.
`data/` holds the generators of that kind of data, for experimenting.

## Handing in

Only the files in `exercises/` are graded, at the paths they have now: keep each file's name and
its functions' names and parameters. Commit your answers and push them (a repository is graded at
its last commit: saved but uncommitted changes are not graded), or hand in a zip of the folder
(`zip -r answers.zip exercises`), as your course asks. Work in a virtual environment inside this
folder if you like (`python -m venv .venv`): git ignores it.

| exercise | the question |
|---|---|
{rows}
"""


def _prompts(exercises: list[layout.Exercise]) -> str:
    sections = [f"## {e.id}\n\n{_prompt(e)}\n" for e in exercises]
    return "# Prompts\n\n" + "\n".join(sections)


def bundle(root: Path, exercises: list[layout.Exercise]) -> dict[str, str]:
    """The release's files (path relative to the release -> text), as its main branch holds them."""
    files = {
        "README.md": _readme(exercises),
        "PROMPTS.md": _prompts(exercises),
        "requirements.txt": _requirements(root),
        "pyproject.toml": _PYTEST_CONFIG,
        "conftest.py": _CONFTEST,
        ".gitignore": "__pycache__/\n.pytest_cache/\n.venv/\nvenv/\n*.egg-info/\n.mlkata/\n",
        "mlkata/__init__.py": _GENERATORS_INIT,
        "mlkata/generators.py": (ENGINE / "generators.py").read_text(encoding="utf-8"),
        f"{PUBLIC_CHECKS_DIR}/test_public.py": (ENGINE / "public_checks.py").read_text(encoding="utf-8"),
    }
    for generator in sorted((root / "data").glob("*.py")):
        files[f"data/{generator.name}"] = generator.read_text(encoding="utf-8")
    contract = []
    for exercise in exercises:
        source = exercise.solution.read_text(encoding="utf-8")
        files[f"{layout.EXERCISES_DIR}/{exercise.relative_module.as_posix()}"] = make_stub(
            source, filename=str(exercise.solution)
        )
        if exercise.hints_file.is_file():
            files[f"{layout.HINTS_DIR}/{exercise.topic}/{exercise.name}.md"] = exercise.hints_file.read_text(
                encoding="utf-8"
            )
        contract.append({"id": exercise.id, "functions": documented_functions(source)})
    files[f"{PUBLIC_CHECKS_DIR}/contract.json"] = json.dumps({"exercises": contract}, indent=2) + "\n"
    return files


def solutions(exercises: list[layout.Exercise]) -> dict[str, str]:
    """What the solutions branch changes: each stub replaced by its reference."""
    return {
        f"{layout.EXERCISES_DIR}/{e.relative_module.as_posix()}": e.solution.read_text(encoding="utf-8")
        for e in exercises
    }


def _write(out: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _git(out: Path, *args: str) -> None:
    # a machine without a git identity (a fresh CI runner) still gets a repository
    identity = subprocess.run(["git", "-C", str(out), "config", "user.email"], capture_output=True, check=False)
    named = [] if identity.returncode == 0 else ["-c", "user.name=mlkata release", "-c", "user.email=mlkata@localhost"]
    completed = subprocess.run(["git", "-C", str(out), *named, *args], capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed in {out}: {completed.stderr.strip()}")


def solutions_repository(out: Path) -> Path:
    """Where ``--git`` puts the answer key: a repository beside the students' one, never inside it."""
    return out.with_name(f"{out.name}-solutions")


def write_release(root: Path, out: Path, exercises: list[layout.Exercise], *, git: bool = False) -> None:
    """Write the release of ``exercises`` into ``out`` (which must not exist, or be empty); with
    ``git``, make it a repository and write the answer key to :func:`solutions_repository`."""
    if not exercises:
        raise ReleaseError("no exercise selected: name topics or exercises the kit has")
    key = solutions_repository(out)
    for folder in (out, key) if git else (out,):
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise ReleaseError(
                f"{folder} already exists and is not an empty folder: choose a new one (nothing was written)"
            )
    if git and shutil.which("git") is None:
        raise ReleaseError("--git needs git on the PATH (nothing was written)")
    out.mkdir(parents=True, exist_ok=True)
    _write(out, bundle(root, exercises))
    if not git:
        return
    _git(out, "init", "--quiet", "--initial-branch=main")
    _git(out, "add", "--all")
    _git(out, "commit", "--quiet", "-m", "Exercises: stubs, public checks, data generators, prompts and hints")
    # the answer key shares the students' history (so that `git diff main solutions` shows the answers)
    # but lives in a repository of its own, with no remote that a push could reach the students' one by
    _git(key.parent, "clone", "--quiet", "--no-hardlinks", str(out), str(key))
    _git(key, "remote", "remove", "origin")
    _git(key, "checkout", "--quiet", "-b", SOLUTIONS_BRANCH)
    _write(key, solutions(exercises))
    _git(key, "commit", "--quiet", "--all", "-m", "Reference solutions in place of the stubs")


def topic_argument(text: str) -> str:
    if text not in layout.TOPICS:
        raise argparse.ArgumentTypeError(f"unknown topic {text!r}; the topics are {', '.join(layout.TOPICS)}")
    return text


def cmd_release(args: argparse.Namespace) -> int:
    root = layout.find_kit_root(args.root)
    patterns = [*(args.topics or []), *(args.exercises or [])]
    exercises = layout.select(layout.discover(root), patterns or None)
    try:
        write_release(root, args.out, exercises, git=args.git)
    except ReleaseError as error:
        print(f"mlkata release: {error}", file=sys.stderr)
        return 2
    print(f"released {len(exercises)} exercise(s) into {args.out}")
    if args.git:
        print(f"  students' repository: {args.out} (branch main; no answers in it: hand this one out)")
        key = solutions_repository(args.out)
        print(f"  answer key: {key} (branch {SOLUTIONS_BRANCH}, the references in place of the stubs; keep it private)")
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``mlkata release`` on the ``mlkata`` command's subparsers."""
    release = commands.add_parser(
        "release",
        help="write a student bundle: stubs, public checks, data generators, prompts, hints; no answers",
        description=__doc__.split("\n\n")[0],
        epilog="examples:\n  mlkata release week1/ --topics evaluation\n"
        "  mlkata release classroom/ --exercises trees/best_split evaluation/alert_threshold --git\n"
        "      (classroom/: a repository for the students; classroom-solutions/: the answer key, kept apart)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    release.add_argument("out", type=Path, metavar="OUT", help="the folder to create (must not exist, or be empty)")
    release.add_argument("--topics", nargs="+", type=topic_argument, metavar="TOPIC", help="whole topics to include")
    release.add_argument("--exercises", nargs="+", metavar="ID", help="exercise ids or names to include")
    release.add_argument(
        "--git",
        action="store_true",
        help=f"make OUT a git repository, and OUT-solutions a separate one with a '{SOLUTIONS_BRANCH}' branch",
    )
    release.set_defaults(run=cmd_release)
