"""The result model: one record per graded test, summed into exercises, rendered as table or JSON."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

SCHEMA_VERSION = 1

PASSED = "passed"
FAILED = "incorrect"
NOT_ATTEMPTED = "not attempted"
ERROR = "error"
GRADER_ERROR = "grader error"
# An exercise's status is the worst of its tests' outcomes in this order; a mix of passed and
# not-attempted tests is a partial attempt, so it reads as incorrect.
_PRECEDENCE = (GRADER_ERROR, ERROR, FAILED)


@dataclass(frozen=True)
class TestRecord:
    """The outcome of one grader test against one implementation with one seed."""

    exercise: str
    test: str
    points: float
    earned: float
    outcome: str
    message: str
    target: str
    seed: int
    # in an audit: how far each statistical check stayed from its limit (checks.expect_at_least/at_most)
    margins: tuple[dict, ...] = ()

    def to_json(self) -> dict:
        document = asdict(self)
        if not self.margins:
            del document["margins"]
        else:
            document["margins"] = list(self.margins)
        return document

    @classmethod
    def from_json(cls, document: dict) -> TestRecord:
        return cls(**{**document, "margins": tuple(document.get("margins", ()))})


@dataclass(frozen=True)
class ExerciseScore:
    exercise: str
    target: str
    seed: int
    earned: float
    possible: float
    status: str
    tests: tuple[TestRecord, ...]


def exercise_status(outcomes: Iterable[str]) -> str:
    outcomes = set(outcomes)
    if outcomes <= {NOT_ATTEMPTED}:
        return NOT_ATTEMPTED
    if outcomes == {PASSED}:
        return PASSED
    for outcome in _PRECEDENCE:
        if outcome in outcomes:
            return outcome
    return FAILED


def summarise(records: Iterable[TestRecord]) -> list[ExerciseScore]:
    """Group records by (exercise, target, seed), in the order they first appear."""
    groups: dict[tuple[str, str, int], list[TestRecord]] = {}
    for record in records:
        groups.setdefault((record.exercise, record.target, record.seed), []).append(record)
    return [
        ExerciseScore(
            exercise=exercise,
            target=target,
            seed=seed,
            earned=sum(r.earned for r in tests),
            possible=sum(r.points for r in tests),
            status=exercise_status(r.outcome for r in tests),
            tests=tuple(tests),
        )
        for (exercise, target, seed), tests in groups.items()
    ]


def _points(value: float) -> str:
    return f"{value:g}"


def render_table(scores: list[ExerciseScore]) -> list[tuple[str, str]]:
    """Lines of the points table, each with a colour name for the terminal."""
    width = max([len(s.exercise) for s in scores] + [len("exercise")])
    lines = [(f"{'exercise':<{width}}  {'status':<14}{'points':>9}", "bold")]
    colours = {PASSED: "green", FAILED: "red", ERROR: "red", GRADER_ERROR: "red", NOT_ATTEMPTED: "yellow"}
    for score in scores:
        points = f"{_points(score.earned)}/{_points(score.possible)}"
        lines.append((f"{score.exercise:<{width}}  {score.status:<14}{points:>9}", colours[score.status]))
    earned = sum(s.earned for s in scores)
    possible = sum(s.possible for s in scores)
    total = f"{_points(earned)}/{_points(possible)}"
    lines.append((f"{'total':<{width}}  {'':<14}{total:>9}", "bold"))
    return lines


def outcome_lines(records: list[TestRecord]) -> list[tuple[str, str]]:
    """What a grading run says on a terminal: for each exercise that lost points to a wrong answer or
    an error, one line with its first such test's message (first line), then the points table; each
    line with a colour name. Exercises not attempted say so in the table alone."""
    scores = summarise(records)
    lines = []
    for score in scores:
        lost = next((r for r in score.tests if r.outcome not in (PASSED, NOT_ATTEMPTED)), None)
        if lost is not None:
            first = lost.message.splitlines()[0] if lost.message else ""
            lines.append((f"{score.exercise}: {lost.test} [{lost.outcome}] {first}", "red"))
    return [*lines, ("", "plain"), *render_table(scores)] if lines else render_table(scores)


def results_document(records: list[TestRecord], *, seed: int | None, implementation: str) -> dict:
    """The versioned JSON document for one grading run (docs/results.md describes it)."""
    return {
        "schema": SCHEMA_VERSION,
        "seed": seed,
        "implementation": implementation,
        "exercises": [
            {
                "id": score.exercise,
                "target": score.target,
                "seed": score.seed,
                "status": score.status,
                "earned": score.earned,
                "possible": score.possible,
                "tests": [record.to_json() for record in score.tests],
            }
            for score in summarise(records)
        ],
    }


def records_from_document(document: dict) -> list[TestRecord]:
    return [TestRecord.from_json(test) for exercise in document["exercises"] for test in exercise["tests"]]


# What no report may carry raw: C0 controls but tab, newline and carriage return (XML 1.0 forbids them,
# and escape sequences reach terminals), DEL and C1 controls, lone surrogates (UTF-8 cannot encode them,
# as undecodable file names bring them), and the non-characters U+FFFE and U+FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def safe_text(value: str) -> str:
    """``value`` with every character no report may carry written as its visible Python escape (``\\x07``)."""
    return _UNSAFE.sub(lambda match: ascii(match.group())[1:-1], value)


def safe_data(value):
    """``value`` (JSON-like data) with ``safe_text`` applied to every string in it, keys included."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dict):
        return {safe_data(key): safe_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [safe_data(item) for item in value]
    return value


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text``, made safe, so that a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8") as handle:
        handle.write(safe_text(text))
    os.chmod(handle.name, 0o666 & ~_umask())  # the temporary file is private; the result is as any file made here
    os.replace(handle.name, path)


def _umask() -> int:
    """This process's umask, read without changing it (os.umask would, for every thread, for a moment)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("Umask:")), 8)
    except (OSError, StopIteration, ValueError):
        mask = os.umask(0o022)
        os.umask(mask)
        return mask


def write_json_atomically(path: Path, document: dict) -> None:
    """Write ``document``, made safe, as JSON so that a reader never sees half a file."""
    write_text_atomically(path, json.dumps(safe_data(document), indent=2) + "\n")
