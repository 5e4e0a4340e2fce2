"""The ``mlkata`` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mlkata import layout
from mlkata.results import render_table, results_document, summarise, write_json_atomically
from mlkata.seeds import random_seed
from mlkata.sessions import run_graders
from mlkata.stubs import make_stub, stub_drift

EPILOG = """examples:
  mlkata audit                          prove every grader valid (20 seeds)
  mlkata audit evaluation --seeds 5     a quicker look at one topic
  mlkata grade ~/my-answers --json out.json
  mlkata stubs --check                  fail if a stub drifted from its solution
"""


def _root(args: argparse.Namespace) -> Path:
    return layout.find_kit_root(args.root)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def cmd_audit(args: argparse.Namespace) -> int:
    from mlkata.audit import audit_main

    return audit_main(_root(args), args.exercises, seeds=args.seeds, jobs=args.jobs, json_path=args.json)


def cmd_grade(args: argparse.Namespace) -> int:
    root = _root(args)
    submission = args.submission.resolve()
    if not submission.is_dir():
        print(f"mlkata grade: {args.submission} is not a directory mirroring exercises/", file=sys.stderr)
        return 2
    exercises = layout.select(layout.discover(root), args.exercises)
    # the base seed is drawn here, not in pytest, so that the JSON can record it
    seed = args.seed if args.seed is not None else random_seed()
    options = [f"--mlkata-impl={submission}", f"--mlkata-seed={seed}"]
    session = run_graders(root, [e.grader for e in exercises if e.grader.is_file()], options)
    if not session.records:
        print(session.output, file=sys.stderr)
        print("mlkata grade: the graders produced no results", file=sys.stderr)
        return 2
    for score in summarise(session.records):
        for record in score.tests:
            if record.outcome != "passed":
                print(f"{record.exercise}::{record.test} [{record.outcome}] {record.message.splitlines()[0]}")
    print()
    for line, _ in render_table(summarise(session.records)):
        print(line)
    if args.json is not None:
        write_json_atomically(args.json, results_document(session.records, seed=seed, implementation=str(submission)))
    return 0


def cmd_stubs(args: argparse.Namespace) -> int:
    root = _root(args)
    exercises = layout.discover(root)
    if args.check:
        drifted = [d for e in exercises if (d := stub_drift(e.solution, e.stub))]
        for line in drifted:
            print(line)
        print(f"{len(drifted)} of {len(exercises)} stub(s) drifted" if drifted else f"{len(exercises)} stubs match")
        return 1 if drifted else 0
    for exercise in exercises:
        stub = make_stub(exercise.solution.read_text(encoding="utf-8"), filename=str(exercise.solution))
        exercise.stub.parent.mkdir(parents=True, exist_ok=True)
        if not exercise.stub.is_file() or exercise.stub.read_text(encoding="utf-8") != stub:
            exercise.stub.write_text(stub, encoding="utf-8")
            print(f"wrote {exercise.stub.relative_to(root)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mlkata", description=__doc__, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--root", type=Path, help="the kit's folder (default: found above the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)

    audit = commands.add_parser(
        "audit",
        help="prove every grader valid: solution full marks, stub zero, mutants rejected",
        epilog="example: mlkata audit evaluation/alert_threshold --seeds 5",
    )
    audit.add_argument("exercises", nargs="*", help="exercise ids, names or topics (default: all)")
    audit.add_argument("--seeds", type=_positive, default=20, help="how many seeds (default: 20)")
    audit.add_argument("--jobs", type=_positive, default=2, help="parallel grading processes (default: 2)")
    audit.add_argument("--json", type=Path, help="also write the audit matrix to this JSON file")
    audit.set_defaults(run=cmd_audit)

    grade = commands.add_parser(
        "grade",
        help="grade a directory that mirrors exercises/",
        epilog="example: mlkata grade submissions/alice --json alice.json",
    )
    grade.add_argument("submission", type=Path, help="a directory mirroring exercises/ (a missing file: not attempted)")
    grade.add_argument("exercises", nargs="*", help="exercise ids, names or topics (default: all)")
    grade.add_argument("--json", type=Path, help="write per-exercise, per-test results to this file")
    grade.add_argument("--seed", type=int, help="base seed (default: random, recorded in the JSON)")
    grade.set_defaults(run=cmd_grade)

    stubs = commands.add_parser(
        "stubs",
        help="regenerate exercises/ from solutions/ (or --check for drift)",
        epilog="example: mlkata stubs --check",
    )
    stubs.add_argument("--check", action="store_true", help="change nothing; exit 1 if a stub drifted")
    stubs.set_defaults(run=cmd_stubs)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except layout.KitNotFound as error:
        print(f"mlkata: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
