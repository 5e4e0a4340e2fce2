"""The ``mlkata`` command."""

from __future__ import annotations

import argparse
import os
import sys
from importlib import metadata
from pathlib import Path

from mlkata import distribution, layout, learner
from mlkata.isolation import add_isolation_arguments
from mlkata.reports import FORMATS
from mlkata.results import outcome_lines, records_from_document, write_json_atomically
from mlkata.seeds import random_grading_seed
from mlkata.stubs import ANSWER_NOTE, record_written, stub_state
from mlkata.style import Painter

EPILOG = """examples:
  mlkata audit                          prove every grader valid (20 seeds)
  mlkata audit evaluation --seeds 5     a quicker look at one topic
  mlkata audit --mutate                 and mutation testing of every reference (2 seeds)
  mlkata grade ~/my-answers --json out.json
  mlkata grade cohort/ --jobs 2 --out grades/
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

    mutate_seeds = args.mutate_seeds if args.mutate else None
    if args.fair_only and args.mutate:
        print("mlkata audit: --fair-only grades no mutants; it cannot be combined with --mutate", file=sys.stderr)
        return 2
    return audit_main(
        _root(args),
        args.exercises,
        seeds=args.seeds,
        jobs=args.jobs,
        json_path=args.json,
        mutate_seeds=mutate_seeds,
        fair_only=args.fair_only,
    )


def cmd_grade(args: argparse.Namespace) -> int:
    from mlkata.cohort import GradingFailed, GradingOptions, grade_cohort, grade_one, print_progress, stored_seed
    from mlkata.submissions import Refused, find_submissions, uncommitted_answers

    root = _root(args)
    try:
        submissions = find_submissions([p.resolve() for p in args.submissions])
    except Refused as error:
        print(f"mlkata grade: {error}", file=sys.stderr)
        return 2
    if args.scheduler is not None:
        from mlkata.cluster import ClusterUnavailable, check_address, load_distributed

        if args.jobs > 1:
            print(
                "mlkata grade: --jobs cannot be combined with --scheduler: on a cluster the workers' threads decide "
                "how many candidates are graded at once (drop --jobs)",
                file=sys.stderr,
            )
            return 2
        try:
            check_address(args.scheduler)
            load_distributed()
        except (ValueError, ClusterUnavailable) as error:
            print(f"mlkata grade: {error}", file=sys.stderr)
            return 2
    # with --scheduler, candidate code runs on the workers, and each of them checks its sandbox
    if args.isolation == "process" and args.scheduler is None:
        from mlkata.sandbox import SandboxUnavailable, check_available

        try:
            check_available()
        except SandboxUnavailable as error:
            print(f"mlkata grade: {error}", file=sys.stderr)
            return 2
    exercises = layout.select(layout.discover(root), args.exercises)
    out = args.out or (Path("mlkata-grades") if len(submissions) > 1 or args.scheduler else None)
    holding = next((p for p in args.submissions if out and out.resolve().is_relative_to(p.resolve())), None)
    if holding is not None:
        print(
            f"mlkata grade: --out {out} is inside {holding}: the next run would grade it as a candidate; "
            "write the results outside the submissions",
            file=sys.stderr,
        )
        return 2
    seed = args.seed if args.seed is not None else (stored_seed(out) if out else None)
    options = GradingOptions(
        seed=seed if seed is not None else random_grading_seed(),
        isolation=args.isolation,
        timeout=args.timeout,
        memory_mb=args.memory,
        formats=tuple(args.format),
        force=args.force,
    )
    if out is None:
        [submission] = submissions
        try:
            document = grade_one(root, submission, exercises, options, hide=[submission.source.parent])
        except GradingFailed as failure:
            print(f"mlkata grade: {failure}", file=sys.stderr)
            return 1
        document["implementation"] = str(submission.source)
        if args.json is not None:
            write_json_atomically(args.json, document)
        if document.get("refused"):
            print(f"mlkata grade: {submission.source} was not graded: {document['refused']}", file=sys.stderr)
            return 1
        commit = (document.get("submission") or {}).get("commit")
        what = f"commit {commit[:12]} of {submission.source}" if commit else str(submission.source)
        print(f"mlkata: graded {what} with seed {options.seed}")
        if commit and (changed := uncommitted_answers(submission.source, exercises)):
            print(f"mlkata: not graded, because not committed: {', '.join(changed)} (commit them to have them graded)")
        paint = Painter(sys.stdout)
        for line, colour in outcome_lines(records_from_document(document)):
            print(paint(line, colour))
        return 0
    try:
        documents = grade_cohort(
            root,
            submissions,
            out,
            options,
            jobs=args.jobs,
            exercises=exercises,
            progress=print_progress,
            scheduler=args.scheduler,
        )
    except KeyboardInterrupt:
        print(f"\ninterrupted: every candidate graded so far is in {out}; run again to resume", file=sys.stderr)
        return 130
    except GradingFailed as failure:
        print(f"mlkata grade: {failure}", file=sys.stderr)
        return 1
    print(f"{len(documents)} candidate(s) graded with seed {options.seed}; results in {out}")
    if args.json is not None:
        write_json_atomically(args.json, {"schema": 1, "seed": options.seed, "candidates": documents})
    return 0


def cmd_stubs(args: argparse.Namespace) -> int:
    root = _root(args)
    states = [stub_state(root, e.solution, e.stub) for e in layout.discover(root)]
    if args.check:
        drifted = [d for state in states if (d := state.drift())]
        for line in drifted:
            print(line)
        for state in states:
            if state.is_answer:
                print(f"{state.stub.relative_to(root)}: {ANSWER_NOTE} (left as it is)")
        print(f"{len(drifted)} of {len(states)} stub(s) drifted" if drifted else f"{len(states)} stubs match")
        return 1 if drifted else 0
    written = []
    for state in states:
        if state.on_disk == state.generated:
            continue
        if state.is_answer and not args.force:
            print(f"kept {state.stub.relative_to(root)}: {ANSWER_NOTE} (--force replaces it with the stub)")
            continue
        state.stub.parent.mkdir(parents=True, exist_ok=True)
        state.stub.write_text(state.generated, encoding="utf-8")
        written.append(state.generated)
        print(f"wrote {state.stub.relative_to(root)}")
    record_written(root, written)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mlkata", description=__doc__, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--root", type=Path, help="the kit's folder (default: found above the current folder)")
    parser.add_argument("--version", action="version", version=f"mlkata {metadata.version('mlkata')}")
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
    audit.add_argument(
        "--mutate",
        action="store_true",
        help="also generate mutants of every reference and degenerate answers, and demand that the graders "
        "reject them (needs the dev extra)",
    )
    audit.add_argument(
        "--mutate-seeds",
        type=_positive,
        default=2,
        metavar="N",
        help="seeds for --mutate: a generated mutant is killed when it loses points on any of them (default: 2)",
    )
    audit.add_argument(
        "--fair-only",
        action="store_true",
        help="grade only the references, stubs and alternatives, no mutants: the flake check over many seeds "
        "(--seeds 100)",
    )
    audit.set_defaults(run=cmd_audit)

    grade = commands.add_parser(
        "grade",
        help="grade submissions: folders mirroring exercises/, zips of them, git repositories, or cohorts of those",
        epilog="examples:\n  mlkata grade ~/my-answers --isolation none\n"
        "  mlkata grade cohort/ --jobs 2 --out grades/      (a folder of submissions: one per candidate)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    grade.add_argument(
        "submissions",
        type=Path,
        nargs="+",
        metavar="SUBMISSION",
        help="a folder mirroring exercises/ (a missing file: not attempted), a zip of one, a git repository "
        "(its committed HEAD), or a folder of those (a cohort, one per candidate)",
    )
    grade.add_argument("--exercises", nargs="+", metavar="ID", help="exercise ids, names or topics (default: all)")
    grade.add_argument("--jobs", type=_positive, default=1, help="candidates graded side by side (default: 1)")
    grade.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="grade on a Dask cluster: the scheduler's tcp://HOST:PORT; each worker grades with its own kit, "
        "sandboxed (needs mlkata[cluster]; docs/cluster.md)",
    )
    grade.add_argument("--seed", type=int, help="base seed (default: drawn, recorded in the results)")
    add_isolation_arguments(grade)
    grade.add_argument("--out", type=Path, help="write each candidate's results and the cohort's files here")
    grade.add_argument(
        "--format",
        nargs="+",
        choices=FORMATS,
        default=list(FORMATS),
        help="what --out holds (default: all): json, csv (gradebook), junit, gradescope, html",
    )
    grade.add_argument("--force", action="store_true", help="re-grade candidates whose results are up to date")
    grade.add_argument("--json", type=Path, help="also write the results document(s) to this file")
    grade.set_defaults(run=cmd_grade)

    stubs = commands.add_parser(
        "stubs",
        help="regenerate exercises/ from solutions/ (or --check for drift)",
        epilog="example: mlkata stubs --check",
    )
    stubs.add_argument("--check", action="store_true", help="change nothing; exit 1 if a stub drifted")
    stubs.add_argument(
        "--force", action="store_true", help="also replace files that hold your answers (they are kept otherwise)"
    )
    stubs.set_defaults(run=cmd_stubs)

    learner.add_commands(commands)
    distribution.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except layout.KitNotFound as error:
        print(f"mlkata {args.command}: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `mlkata list | head` closed the pipe: stop quietly, as a shell tool does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
