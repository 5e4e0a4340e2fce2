"""The learner's loop: ``mlkata list``, ``hint``, ``solution``, ``progress``, ``watch`` and ``new``.

A learner's progress lives in ``.mlkata/progress.json`` in the kit's root (gitignored): per exercise
the latest outcome of every grader test from their own runs of ``pytest exercises/...`` (the plugin
calls :func:`record_self_grading`), how many hints they have revealed, and whether they have seen the
reference solution. Merging per test means a run of one test or one exercise updates just that.

Loaded as a pytest plugin (``-p mlkata.learner``, as ``mlkata progress`` does in a collect-only run),
this module also reports each exercise's possible points without grading anything.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from mlkata import layout
from mlkata.results import (
    NOT_ATTEMPTED,
    PASSED,
    TestRecord,
    exercise_status,
    outcome_lines,
    write_json_atomically,
)
from mlkata.stubs import make_stub, record_written
from mlkata.style import Painter

PROGRESS_DIR = ".mlkata"
PROGRESS_SCHEMA = 1
_POINTS_FILE_VARIABLE = "MLKATA_POINTS_FILE"
_EXERCISE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class ProgressError(RuntimeError):
    """The progress file cannot be read; it is left as it is."""


# --- the progress store ---------------------------------------------------------------------------


def progress_file(root: Path) -> Path:
    return root / PROGRESS_DIR / "progress.json"


def load_progress(root: Path) -> dict:
    """The learner's progress document (empty when they have none yet)."""
    path = progress_file(root)
    if not path.is_file():
        return {"schema": PROGRESS_SCHEMA, "exercises": {}}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ProgressError(
            f"cannot read your progress file {path} ({error}); it was left untouched: fix it, or move it "
            "away to start a fresh record (your answers in exercises/ are not affected)"
        ) from error
    if not isinstance(document, dict) or not isinstance(document.get("exercises"), dict):
        raise ProgressError(f"{path} is not an mlkata progress file (no 'exercises' object); it was left untouched")
    return document


def _entry(progress: dict, exercise_id: str) -> dict:
    return progress["exercises"].setdefault(exercise_id, {})


def _summary(entry: dict) -> tuple[str, float, float] | None:
    """(status, earned, possible) of an exercise's latest graded tests, or None if never graded."""
    tests = entry.get("tests")
    if not tests:
        return None
    status = exercise_status(t["outcome"] for t in tests.values())
    return status, sum(t["earned"] for t in tests.values()), sum(t["points"] for t in tests.values())


def record_self_grading(root: Path, records: Iterable[TestRecord]) -> None:
    """Merge a self-grading run's outcomes into the progress file, test by test.

    A parametrised test's cases share the test's name: they are stored together, worst outcome first.
    """
    try:
        progress = load_progress(root)
    except ProgressError as error:
        print(f"mlkata: your progress was not recorded: {error}", file=sys.stderr)
        return
    graded: dict[str, dict[str, list[TestRecord]]] = {}
    for record in records:
        graded.setdefault(record.exercise, {}).setdefault(record.test, []).append(record)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for exercise_id, tests in graded.items():
        entry = _entry(progress, exercise_id)
        stored = entry.setdefault("tests", {})
        for test, cases in tests.items():
            stored[test] = {
                "points": sum(r.points for r in cases),
                "earned": sum(r.earned for r in cases),
                "outcome": exercise_status(r.outcome for r in cases),
            }
        entry["graded_at"] = now
    try:
        write_json_atomically(progress_file(root), progress)
    except OSError as error:
        print(f"mlkata: your progress was not recorded: cannot write {progress_file(root)} ({error})", file=sys.stderr)


# --- choosing exercises ---------------------------------------------------------------------------


def _root(args: argparse.Namespace) -> Path:
    return layout.find_kit_root(args.root)


def _one_exercise(root: Path, wanted: str) -> layout.Exercise:
    exercises = layout.discover(root)
    matches = [e for e in exercises if wanted in (e.id, e.name)]
    if len(matches) == 1:
        return matches[0]
    if wanted in layout.TOPICS:
        example = next((e.id for e in exercises if e.topic == wanted), f"{wanted}/NAME")
        raise layout.KitNotFound(f"{wanted} is a topic; name one of its exercises, such as {example}")
    if matches:
        several = ", ".join(e.id for e in matches)
        raise layout.KitNotFound(f"{wanted} names several exercises ({several}); use TOPIC/NAME")
    raise layout.KitNotFound(f"no exercise {wanted!r}{layout.did_you_mean(wanted, exercises)}")


# --- mlkata list ----------------------------------------------------------------------------------

_STATUS_STYLE = {PASSED: "green", NOT_ATTEMPTED: "yellow"}


def _status_cell(entry: dict) -> tuple[str, str, str]:
    """(status, points, style) of an exercise in ``mlkata list``."""
    summary = _summary(entry)
    if summary is None:
        return NOT_ATTEMPTED, "-", "yellow"
    status, earned, possible = summary
    return status, f"{earned:g}/{possible:g}", _STATUS_STYLE.get(status, "red")


def cmd_list(args: argparse.Namespace) -> int:
    root = _root(args)
    progress = load_progress(root)
    exercises = layout.discover(root, topics=(args.topic,) if args.topic else None)
    if not exercises:
        print(f"no exercises in {root / layout.SOLUTIONS_DIR}" + (f"/{args.topic}" if args.topic else ""))
        return 1
    paint = Painter(sys.stdout)
    width = max(len(e.name) for e in exercises)
    for topic in dict.fromkeys(e.topic for e in exercises):
        print(paint(topic, "bold"))
        for exercise in (e for e in exercises if e.topic == topic):
            entry = progress["exercises"].get(exercise.id, {})
            status, points, style = _status_cell(entry)
            level = exercise.difficulty()
            stars = "*" * level + "." * (3 - level) if level else "???"
            seen = " (solution viewed)" if entry.get("solution_viewed") else ""
            line = f"  {exercise.name:<{width}}  {stars}  {paint(f'{status:<14}', style)}{points:>7}  "
            try:
                title = layout.first_docstring_line(exercise.solution)
            except SyntaxError as error:  # an author's solution in the middle of an edit
                title = f"(its prompt does not parse: {error})"
            print(line + title + paint(seen, "dim"))
    print(paint("difficulty: * warm-up, ** interview standard, *** hard", "dim"))
    return 0


# --- mlkata hint / solution -----------------------------------------------------------------------


def cmd_hint(args: argparse.Namespace) -> int:
    root = _root(args)
    exercise = _one_exercise(root, args.exercise)
    hints = exercise.hints()
    if not hints:
        print(f"mlkata hint: {exercise.id} has no hints (looked in {exercise.hints_file})", file=sys.stderr)
        return 1
    progress = load_progress(root)
    entry = _entry(progress, exercise.id)
    revealed = entry.get("hints_revealed", 0)
    shown = range(len(hints)) if args.all else [min(revealed, len(hints) - 1)]
    paint = Painter(sys.stdout)
    for index in shown:
        print(paint(f"Hint {index + 1} of {len(hints)} for {exercise.id}", "bold"))
        print(hints[index] + "\n")
    entry["hints_revealed"] = max(revealed, shown[-1] + 1)
    write_json_atomically(progress_file(root), progress)
    if entry["hints_revealed"] < len(hints):
        print(paint(f"Still stuck? `mlkata hint {exercise.id}` again shows the next one.", "dim"))
    else:
        print(paint(f"That is the last hint. `mlkata solution {exercise.id}` shows the reference.", "dim"))
    return 0


def _confirmed(question: str) -> bool:
    print(f"{question} [y/N] ", end="", flush=True)
    answer = sys.stdin.readline()
    if not answer:
        print()
    return answer.strip().lower() in {"y", "yes"}


def cmd_solution(args: argparse.Namespace) -> int:
    root = _root(args)
    exercise = _one_exercise(root, args.exercise)
    question = f"Show the reference solution of {exercise.id}? Your progress will record that you saw it."
    if not args.yes and not _confirmed(question):
        print("Not shown. A hint might be enough: mlkata hint " + exercise.id)
        return 0
    progress = load_progress(root)
    _entry(progress, exercise.id)["solution_viewed"] = True
    write_json_atomically(progress_file(root), progress)
    print(exercise.solution.read_text(encoding="utf-8"), end="")
    return 0


# --- mlkata progress ------------------------------------------------------------------------------


def pytest_collection_finish(session) -> None:
    """With ``-p mlkata.learner`` and MLKATA_POINTS_FILE set: write each exercise's possible points."""
    destination = os.environ.get(_POINTS_FILE_VARIABLE)
    if not destination:
        return
    points: dict[str, float] = {}
    for item in session.items:
        exercise = layout.exercise_for_grader(session.config.rootpath, Path(item.path))
        marker = item.get_closest_marker("points")
        points[exercise.id] = points.get(exercise.id, 0.0) + (float(marker.args[0]) if marker and marker.args else 1.0)
    Path(destination).write_text(json.dumps(points), encoding="utf-8")


def possible_points(root: Path, exercises: list[layout.Exercise]) -> dict[str, float]:
    """Each exercise's possible points, from collecting its graders (cached until a grader changes)."""
    graders = [e.grader for e in exercises if e.grader.is_file()]
    key = [[str(g.relative_to(root)), g.stat().st_mtime_ns, g.stat().st_size] for g in graders]
    cache = root / PROGRESS_DIR / "points.json"
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
        if cached["graders"] == key:
            return cached["points"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache, or a stale or damaged one: count again
    with tempfile.TemporaryDirectory(prefix="mlkata-points-") as scratch:
        destination = Path(scratch, "points.json")
        command = [sys.executable, "-m", "pytest", *map(str, graders), "--collect-only", "-q", "-p", "mlkata.learner"]
        command += ["-p", "no:cacheprovider"]
        env = {**os.environ, _POINTS_FILE_VARIABLE: str(destination), "PYTHONDONTWRITEBYTECODE": "1"}
        completed = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, check=False)
        if completed.returncode != 0 or not destination.is_file():
            tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-10:])
            print(
                f"mlkata: could not count the graders' points (pytest exit {completed.returncode}):\n{tail}",
                file=sys.stderr,
            )
            return {}
        points = json.loads(destination.read_text(encoding="utf-8"))
    write_json_atomically(cache, {"graders": key, "points": points})
    return points


def progress_document(root: Path) -> dict:
    """Per competency and per exercise: points earned of possible, hints revealed, solution seen."""
    progress = load_progress(root)
    exercises = layout.discover(root)
    entries = {e.id: progress["exercises"].get(e.id, {}) for e in exercises}
    ungraded = [e for e in exercises if _summary(entries[e.id]) is None]
    collected = possible_points(root, ungraded) if ungraded else {}
    rows = []
    for exercise in exercises:
        entry = entries[exercise.id]
        status, earned, possible = _summary(entry) or (NOT_ATTEMPTED, 0.0, collected.get(exercise.id, 0.0))
        rows.append(
            {
                "id": exercise.id,
                "topic": exercise.topic,
                "difficulty": exercise.difficulty(),
                "status": status,
                "earned": earned,
                "possible": possible,
                "graded_at": entry.get("graded_at"),
                "hints_revealed": entry.get("hints_revealed", 0),
                "solution_viewed": entry.get("solution_viewed", False),
            }
        )
    competencies = []
    for topic in dict.fromkeys(row["topic"] for row in rows):
        mine = [row for row in rows if row["topic"] == topic]
        competencies.append(
            {
                "topic": topic,
                "earned": sum(row["earned"] for row in mine),
                "possible": sum(row["possible"] for row in mine),
                "passed": sum(row["status"] == PASSED for row in mine),
                "exercises": len(mine),
            }
        )
    return {"schema": PROGRESS_SCHEMA, "competencies": competencies, "exercises": rows}


def cmd_progress(args: argparse.Namespace) -> int:
    document = progress_document(_root(args))
    if args.json:
        print(json.dumps(document, indent=2))
        return 0
    paint = Painter(sys.stdout)
    width = max([len(c["topic"]) for c in document["competencies"]] + [len("total")])
    for competency in document["competencies"]:
        earned, possible = competency["earned"], competency["possible"]
        share = earned / possible if possible else 0.0
        print(
            f"{competency['topic']:<{width}}  {paint.bar(share)}  {f'{earned:g}/{possible:g}':>9}  {share:>4.0%}"
            f"   {competency['passed']}/{competency['exercises']} exercises passed"
        )
    earned = sum(c["earned"] for c in document["competencies"])
    possible = sum(c["possible"] for c in document["competencies"])
    print(paint(f"{'total':<{width}}  {'':<24}  {f'{earned:g}/{possible:g}':>9}", "bold"))
    helped = [row["id"] for row in document["exercises"] if row["solution_viewed"]]
    if helped:
        print(paint(f"reference solution viewed for: {', '.join(helped)}", "dim"))
    return 0


# --- mlkata watch ---------------------------------------------------------------------------------


def _content(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _settled_content(path: Path, interval: float) -> bytes | None:
    """``path``'s content once two reads ``interval`` apart agree (a save in progress has settled)."""
    content = _content(path)
    while True:
        time.sleep(min(interval, 0.2))
        again = _content(path)
        if again == content:
            return content
        content = again


def _grade_and_show(root: Path, exercise: layout.Exercise, paint: Painter, *, why: str = "saved") -> None:
    from mlkata.sessions import run_graders

    print(paint(f"\n{time.strftime('%H:%M:%S')} {exercise.stub.relative_to(root)} {why}: grading...", "dim"))
    session = run_graders(root, [exercise.grader], [])
    if not session.records:
        tail = "\n".join(session.output.strip().splitlines()[-15:])
        print(paint(f"no results from the graders (pytest exit {session.returncode}):", "red") + f"\n{tail}")
        return
    for line, colour in outcome_lines(session.records):
        print(paint(line, colour))


def cmd_watch(args: argparse.Namespace) -> int:
    root = _root(args)
    exercises = layout.select(layout.discover(root), args.exercises)
    if not exercises:
        print(f"mlkata watch: no exercises to watch in {root / layout.SOLUTIONS_DIR}", file=sys.stderr)
        return 1
    sys.stdout.reconfigure(line_buffering=True)
    paint = Painter(sys.stdout)
    what = exercises[0].stub.relative_to(root) if len(exercises) == 1 else f"{len(exercises)} exercise files"
    print(f"watching {what}: save to grade, Ctrl-C to stop")
    graded: dict[layout.Exercise, bytes | None] = {}
    try:
        for exercise in exercises:  # where you stand first, then after each save
            graded[exercise] = _settled_content(exercise.stub, args.interval)
            _grade_and_show(root, exercise, paint, why="as it stands")
        while True:
            time.sleep(args.interval)
            for exercise, before in graded.items():
                if _content(exercise.stub) == before:
                    continue
                # an editor may save in steps (truncate, then write): grade what it settles on, once
                now = _settled_content(exercise.stub, args.interval)
                if now is not None and now != before:
                    graded[exercise] = now
                    _grade_and_show(root, exercise, paint)
    except KeyboardInterrupt:
        print("\nstopped watching. `mlkata list` shows where you are.")
        return 0


# --- mlkata new -----------------------------------------------------------------------------------


def _template(filename: str, values: dict[str, str]) -> str:
    text = resources.files("mlkata").joinpath("templates", filename).read_text(encoding="utf-8")
    return string.Template(text).substitute(values)


def _new_exercise_id(text: str) -> tuple[str, str]:
    topic, _, name = text.partition("/")
    if topic not in layout.TOPICS or not name:
        topics = ", ".join(layout.TOPICS)
        raise argparse.ArgumentTypeError(f"expected TOPIC/NAME with TOPIC one of {topics}, got {text!r}")
    if not _EXERCISE_NAME.match(name) or name.startswith("test"):
        raise argparse.ArgumentTypeError(
            f"{name!r} cannot name an exercise: use lower-case letters, digits and underscores, starting with "
            "a letter (not 'test'), such as weighted_recall"
        )
    return topic, name


def cmd_new(args: argparse.Namespace) -> int:
    root = _root(args)
    topic, name = args.exercise
    exercise = layout.Exercise(root=root, topic=topic, name=name)
    generator_module = root / "data" / f"{name}.py"
    mutants = root / layout.MUTANTS_DIR / topic / name
    values = {"id": exercise.id, "topic": topic, "name": name, "function": name, "generator": f"make_{name}"}
    solution = _template("solution.py.tmpl", values)
    files = {
        exercise.solution: solution,
        exercise.stub: make_stub(solution, filename=str(exercise.solution)),
        exercise.grader: _template("grader.py.tmpl", values),
        generator_module: _template("generator.py.tmpl", values),
        mutants / "unweighted.py": _template("mutant.py.tmpl", values),
        exercise.hints_file: _template("hints.md.tmpl", values),
    }
    taken = [path for path in files if path.exists()]
    if taken:
        listed = ", ".join(str(path.relative_to(root)) for path in taken)
        print(f"mlkata new: {exercise.id} would overwrite {listed}; nothing was written", file=sys.stderr)
        return 1
    for package in (root / "data", root / layout.GRADERS_DIR / topic):
        if not package.is_dir():
            package.mkdir(parents=True)
            (package / "__init__.py").write_text("")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(root)}")
    record_written(root, [files[exercise.stub]])  # the kit's stub, which `mlkata stubs` may replace, not an answer
    print(
        f"\n{exercise.id} is a working example (a weighted mean) to replace with your exercise; CONTRIBUTING.md "
        f"walks through it. Until it has a difficulty and three mutants, `mlkata audit {exercise.id}` fails."
    )
    return 0


# --- the subcommands ------------------------------------------------------------------------------


def _interval(text: str) -> float:
    value = float(text)
    if not 0.05 <= value <= 60:
        raise argparse.ArgumentTypeError(f"must be between 0.05 and 60 seconds, got {value:g}")
    return value


def _guarded(command):
    """``command``, with an unreadable progress file reported as an error (exit 2) instead of a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except ProgressError as error:
            print(f"mlkata: {error}", file=sys.stderr)
            return 2

    return run


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add list, hint, solution, progress, watch and new to the ``mlkata`` command."""
    raw = argparse.RawDescriptionHelpFormatter

    listing = commands.add_parser(
        "list",
        help="every exercise with its difficulty, your latest status and points, and its scenario",
        epilog="examples:\n  mlkata list\n  mlkata list --topic trees",
        formatter_class=raw,
    )
    listing.add_argument("--topic", choices=layout.TOPICS, help="only this competency")
    listing.set_defaults(run=_guarded(cmd_list))

    hint = commands.add_parser(
        "hint",
        help="the next hint for an exercise, one more each time you ask",
        epilog="examples:\n  mlkata hint evaluation/alert_threshold\n  mlkata hint alert_threshold --all",
        formatter_class=raw,
    )
    hint.add_argument("exercise", metavar="EXERCISE", help="TOPIC/NAME, or NAME alone")
    hint.add_argument("--all", action="store_true", help="every hint at once")
    hint.set_defaults(run=_guarded(cmd_hint))

    solution = commands.add_parser(
        "solution",
        help="show an exercise's reference solution, after you confirm (your progress records it)",
        epilog="example: mlkata solution evaluation/alert_threshold",
    )
    solution.add_argument("exercise", metavar="EXERCISE", help="TOPIC/NAME, or NAME alone")
    solution.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    solution.set_defaults(run=_guarded(cmd_solution))

    progress = commands.add_parser(
        "progress",
        help="points earned of possible, per competency, from your latest runs",
        epilog="examples:\n  mlkata progress\n  mlkata progress --json > progress.json",
        formatter_class=raw,
    )
    progress.add_argument("--json", action="store_true", help="print the same data as JSON")
    progress.set_defaults(run=_guarded(cmd_progress))

    watch = commands.add_parser(
        "watch",
        help="re-grade an exercise each time you save its file, until Ctrl-C",
        epilog="examples:\n  mlkata watch evaluation/alert_threshold\n"
        "  mlkata watch trees        (whichever exercise of the topic you save)",
        formatter_class=raw,
    )
    watch.add_argument("exercises", nargs="*", metavar="TOPIC|EXERCISE", help="what to watch (default: everything)")
    watch.add_argument(
        "--interval", type=_interval, default=0.5, help="seconds between looks at the files (default: 0.5)"
    )
    watch.set_defaults(run=_guarded(cmd_watch))

    new = commands.add_parser(
        "new",
        help="scaffold a new exercise: solution, stub, grader, generator, a first mutant and hints",
        epilog="example: mlkata new evaluation/weighted_recall      (then follow CONTRIBUTING.md)",
    )
    new.add_argument("exercise", type=_new_exercise_id, metavar="TOPIC/NAME", help="where the exercise goes")
    new.set_defaults(run=_guarded(cmd_new))
