"""Where things live in a kit: exercises, solutions, graders, mutants, hints.

One exercise is identified by ``"<topic>/<name>"`` and found at mirrored paths::

    solutions/<topic>/<name>.py        reference, with the candidate's part between markers
    exercises/<topic>/<name>.py        the stub, generated from the solution
    graders/<topic>/test_<name>.py     hidden pytest graders
    mutants/<topic>/<name>/<mistake>.py  plausible wrong answers, overlaid on the solution
    alternatives/<topic>/<name>/<approach>.py  other correct answers (a library's, say), standalone
    hints/<topic>/<name>.md            progressive hints, one ``## Hint`` section each
"""

from __future__ import annotations

import ast
import difflib
import functools
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

TOPICS = ("supervised", "evaluation", "regularization", "trees", "unsupervised")

EXERCISES_DIR = "exercises"
SOLUTIONS_DIR = "solutions"
GRADERS_DIR = "graders"
MUTANTS_DIR = "mutants"
ALTERNATIVES_DIR = "alternatives"
HINTS_DIR = "hints"


DIFFICULTIES = {1: "warm-up", 2: "interview standard", 3: "hard"}
_DIFFICULTY_LINE = re.compile(r"^difficulty:[ \t]*(.*?)[ \t]*$", re.IGNORECASE | re.MULTILINE)


def first_docstring_line(module: Path) -> str:
    """The first line of a module's docstring: a mutant's mistake, an exercise's scenario."""
    docstring = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))) or ""
    return docstring.strip().splitlines()[0] if docstring.strip() else ""


class KitNotFound(LookupError):
    """Raised when no kit (a folder with graders/ and solutions/) is found."""


def find_kit_root(start: Path | None = None) -> Path:
    """Return the nearest folder at or above ``start`` that holds graders/ and solutions/."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / GRADERS_DIR).is_dir() and (folder / SOLUTIONS_DIR).is_dir():
            return folder
    raise KitNotFound(
        f"no mlkata kit at or above {start}: expected a folder holding "
        f"{GRADERS_DIR}/ and {SOLUTIONS_DIR}/ (run this from inside the kit's checkout, or pass --root)"
    )


@dataclass(frozen=True)
class Exercise:
    """One exercise of a kit and the files that make it."""

    root: Path
    topic: str
    name: str

    @property
    def id(self) -> str:
        return f"{self.topic}/{self.name}"

    @property
    def relative_module(self) -> Path:
        """The module's path inside any tree that mirrors exercises/."""
        return Path(self.topic, f"{self.name}.py")

    @property
    def solution(self) -> Path:
        return self.root / SOLUTIONS_DIR / self.relative_module

    @property
    def stub(self) -> Path:
        return self.root / EXERCISES_DIR / self.relative_module

    @property
    def grader(self) -> Path:
        return self.root / GRADERS_DIR / self.topic / f"test_{self.name}.py"

    @property
    def hints_file(self) -> Path:
        return self.root / HINTS_DIR / self.topic / f"{self.name}.md"

    @property
    def mutants(self) -> list[Path]:
        folder = self.root / MUTANTS_DIR / self.topic / self.name
        return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))

    @property
    def alternatives(self) -> list[Path]:
        folder = self.root / ALTERNATIVES_DIR / self.topic / self.name
        return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))

    def difficulty(self) -> int | None:
        """The exercise's difficulty (1, 2 or 3): a ``difficulty: N`` line above the hints; None when
        missing or invalid."""
        if not self.hints_file.is_file():
            return None
        preamble = self.hints_file.read_text(encoding="utf-8").split("\n## ")[0]
        match = _DIFFICULTY_LINE.search(preamble)
        level = match.group(1) if match else ""
        return int(level) if level.isdigit() and int(level) in DIFFICULTIES else None

    def hints(self) -> list[str]:
        """The hints in order, each the text under one ``## Hint`` heading."""
        if not self.hints_file.is_file():
            return []
        sections = self.hints_file.read_text(encoding="utf-8").split("\n## ")[1:]
        return [section.split("\n", 1)[1].strip() for section in sections if "\n" in section]


def copy_kit_parts(root: Path, destination: Path, parts: tuple[str, ...]) -> None:
    """Copy the named files and folders of the kit at ``root`` into ``destination``, without caches
    or build leftovers (a course's or an autograder's own copy of the graders); missing parts are skipped."""
    leftovers = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for part in parts:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=leftovers)
        elif source.is_file():
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / part)


def discover(root: Path, *, topics: tuple[str, ...] | None = None) -> list[Exercise]:
    """Every exercise that has a solution in ``root``, in topic order then by name."""
    found = []
    for topic in topics or TOPICS:
        for solution in sorted((root / SOLUTIONS_DIR / topic).glob("*.py")):
            if not solution.name.startswith("_"):
                found.append(Exercise(root=root, topic=topic, name=solution.stem))
    return found


@functools.lru_cache(maxsize=1024)
def exercise_for_grader(root: Path, grader: Path) -> Exercise:
    """The exercise that ``graders/<topic>/test_<name>.py`` grades (asked for every test's every phase)."""
    relative = grader.resolve().relative_to((root / GRADERS_DIR).resolve())
    topic, filename = relative.parts[0], relative.name
    if len(relative.parts) != 2 or not filename.startswith("test_"):
        raise ValueError(f"{grader} is not a grader: expected {GRADERS_DIR}/<topic>/test_<name>.py")
    return Exercise(root=root, topic=topic, name=filename.removeprefix("test_").removesuffix(".py"))


def select(exercises: list[Exercise], patterns: list[str] | None) -> list[Exercise]:
    """Exercises whose id, name or topic equals one of ``patterns`` (all when none)."""
    if not patterns:
        return exercises
    chosen = [e for e in exercises if {e.id, e.name, e.topic} & set(patterns)]
    unknown = [p for p in patterns if not any(p in {e.id, e.name, e.topic} for e in exercises)]
    if unknown:
        raise KitNotFound(f"no exercise matches {', '.join(unknown)}{did_you_mean(unknown[0], exercises)}")
    return chosen


def did_you_mean(wanted: str, exercises: list[Exercise]) -> str:
    """`` (did you mean X?)`` for the id, name or topic closest to a mistyped ``wanted``, else a pointer
    to the list."""
    names = sorted({n for e in exercises for n in (e.id, e.name, e.topic)})
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else "; `mlkata list` shows them all"
