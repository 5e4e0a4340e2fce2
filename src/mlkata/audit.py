"""``mlkata audit``: prove that every grader is valid.

For each exercise, its graders run against the reference solution on every seed (full marks
required), against the committed stub (nothing earned; a debug exercise's buggy starting code must
lose points like a mutant), against each mutant on every seed (points lost on every seed), and
against each alternative — another correct answer, such as a library's — on every seed (full marks:
the graders accept correct work that is not the reference's).
Besides the score rules it checks the exercise's make-up: a stub that matches its solution, at
least ``MIN_MUTANTS`` mutants each with a docstring naming the mistake, and at least
``MIN_HINTS`` hints, and a difficulty (``difficulty: N`` above the hints).

With ``--mutate`` it also runs the mutation audit (``mutation.py``): mutants generated from each
reference, graded seed by seed until a seed kills them, every survivor either killed or recorded as
equivalent, and degenerate answers held to a tenth of the points.
"""

from __future__ import annotations

import ast
import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mlkata import layout
from mlkata.results import GRADER_ERROR, PASSED, TestRecord, summarise, write_json_atomically
from mlkata.sessions import SessionResult, close_hosts, run_graders
from mlkata.stubs import ANSWER_NOTE, StubState, is_debug, stub_state

if TYPE_CHECKING:
    from mlkata.mutation import MutationAudit

MIN_MUTANTS = 3
MIN_HINTS = 2
# the audit proper grades every exercise in each session, one seed a session: sessions cost about the
# same (the first seed's, which grades the mutants in full, a little more), so the jobs end together.
# A mutation round's targets cost from a hundredth of a second (a mutant killed by the first test) to
# three seconds (one that runs a cross-validation) each, and which is which is not known ahead: finer
# chunks keep one expensive exercise from holding a job alone; a session grades at least
# MIN_TARGETS_PER_SESSION targets, as its start-up costs about a second
MUTATION_CHUNKS_PER_JOB = 8
MIN_TARGETS_PER_SESSION = 40
SOLUTION = "solution"
STUB = "stub"
MUTANT_PREFIX = "mutant:"
GENERATED_PREFIX = "generated:"  # a mutant made by the mutation audit (mutation.py)
ALTERNATIVE_PREFIX = "alternative:"


@dataclass
class ExerciseAudit:
    exercise: layout.Exercise
    debug: bool
    mistakes: dict[str, str]
    approaches: dict[str, str] = field(default_factory=dict)
    records: list[TestRecord] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    points: float = 0.0
    mutation: MutationAudit | None = None
    stub_root: Path | None = None  # where the kit's stub is graded from, when exercises/ holds an answer
    with_mutants: bool = True  # False: the fairness check alone (reference, stub, alternatives)
    seconds: float = 0.0  # grading time, mutation audit included (summed over jobs)
    notes: list[str] = field(default_factory=list)

    def scores(self, target: str) -> dict[int, float]:
        return {s.seed: s.earned for s in summarise(self.records) if s.target == target}


def _targets(audit: ExerciseAudit) -> list[dict]:
    exercise = audit.exercise
    return [
        {"label": SOLUTION, "root": str(exercise.root / layout.SOLUTIONS_DIR)},
        {"label": STUB, "root": str(audit.stub_root or exercise.root / layout.EXERCISES_DIR)},
        *({"label": MUTANT_PREFIX + m.stem, "mutant": str(m)} for m in exercise.mutants if audit.with_mutants),
        *({"label": ALTERNATIVE_PREFIX + a.stem, "module": str(a)} for a in exercise.alternatives),
    ]


Chunk = list[tuple[ExerciseAudit, list[dict]]]  # what one session grades: exercises and their plan targets
Graded = Iterator[tuple[Chunk, SessionResult | None]]  # a chunk and its session, in the order queued


def _grade(
    root: Path,
    work: list[tuple[Chunk, list[int]]],
    pool: ThreadPoolExecutor,
    jobs: int,
    *,
    graded_in_full: list[int],
) -> Graded:
    """Grade each chunk over its seeds in a pytest session of its own, one at a time per thread of
    ``pool``; the session is None for a chunk without graders. A mutant (hand-written or generated)
    needs only to lose points: on seeds other than ``graded_in_full`` its remaining tests are skipped
    once one fails (the full grading of the first seed tells which tests some mutant fails).

    Each thread's sessions run in its grading host (``host.py``), which keeps the graders imported
    and the reference's answers warm from one session to the next. The code graded is the kit's own
    (references, mutants of them, alternatives), which a session runs in its process anyway."""
    threads = max(1, (os.cpu_count() or 1) // jobs)

    def grade_chunk(chunk_and_seeds: tuple[Chunk, list[int]]) -> tuple[Chunk, SessionResult | None]:
        chunk, seeds = chunk_and_seeds
        graders = list(dict.fromkeys(a.exercise.grader for a, _ in chunk if a.exercise.grader.is_file()))
        if not graders:
            return chunk, None
        until_rejected = [t["label"] for _, targets in chunk for t in targets if _is_mutant(t["label"])]
        plan = {
            "seeds": seeds,
            "targets": {audit.exercise.id: targets for audit, targets in chunk},
            "until_rejected": until_rejected,
            "graded_in_full": graded_in_full,
        }
        # a plan file of its own: audits run side by side in one checkout must not read each other's
        with tempfile.NamedTemporaryFile("w", prefix="mlkata-audit-plan-", suffix=".json", delete=False) as handle:
            json.dump(plan, handle)
        try:
            return chunk, run_graders(root, graders, [f"--mlkata-audit={handle.name}"], threads=threads, reuse=True)
        finally:
            Path(handle.name).unlink(missing_ok=True)

    # more chunks than jobs, taken from a queue: a job that drew cheap exercises takes the next
    # chunk instead of idling beside one that drew the slowest. Queued now, not when first iterated,
    # so that work queued after this call waits behind it.
    return pool.map(grade_chunk, work)


def _is_mutant(label: str) -> bool:
    return label.startswith((MUTANT_PREFIX, GENERATED_PREFIX))


def _tests_without_points(grader: Path) -> list[str]:
    """Grader tests with no ``@pytest.mark.points(n)`` of their own: every test must state its worth."""
    tree = ast.parse(grader.read_text(encoding="utf-8"))
    unmarked = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            names = {n.attr for d in node.decorator_list for n in ast.walk(d) if isinstance(n, ast.Attribute)}
            if "points" not in names:
                unmarked.append(node.name)
    return unmarked


def _check_make_up(audit: ExerciseAudit, stub: StubState) -> None:
    exercise = audit.exercise
    if not exercise.grader.is_file():
        audit.violations.append(f"no grader at {exercise.grader}")
    elif unmarked := _tests_without_points(exercise.grader):
        audit.violations.append(f"tests without @pytest.mark.points: {', '.join(unmarked)}")
    drift = stub.drift()
    if drift:
        audit.violations.append(f"stub drift: {drift} (run `mlkata stubs`)")
    if len(audit.mistakes) < MIN_MUTANTS:
        audit.violations.append(f"{len(audit.mistakes)} mutant(s); at least {MIN_MUTANTS} are required")
    for name, mistake in audit.mistakes.items():
        if not mistake:
            audit.violations.append(f"mutant {name} has no docstring naming its mistake")
    for name, approach in audit.approaches.items():
        if not approach:
            audit.violations.append(f"alternative {name} has no docstring naming its approach")
    if len(exercise.hints()) < MIN_HINTS or not all(exercise.hints()):
        audit.violations.append(f"fewer than {MIN_HINTS} non-empty hints in {exercise.hints_file}")
    if exercise.difficulty() is None:
        audit.violations.append(f"no 'difficulty: 1', '2' or '3' line above the hints in {exercise.hints_file}")


def _on_seeds(seeds: list[int]) -> str:
    shown = ", ".join(map(str, seeds[:8])) + (", ..." if len(seeds) > 8 else "")
    return f"on seed {shown}" if len(seeds) == 1 else f"on {len(seeds)} seeds ({shown})"


def _check_scores(audit: ExerciseAudit, seeds: list[int]) -> None:
    summaries = summarise(audit.records)
    audit.points = max((s.possible for s in summaries), default=0.0)
    # each violation once, with the seeds it happened on: (what happened, detail) -> seeds
    found: dict[tuple[str, str], list[int]] = {}
    by_target: dict[str, dict[int, object]] = {}
    for summary in summaries:
        by_target.setdefault(summary.target, {})[summary.seed] = summary
        for record in summary.tests:
            # on any target: a grader that crashes on a wrong answer tells that candidate nothing
            if record.outcome == GRADER_ERROR:
                what = f"grader error in {record.test}" + ("" if summary.target == SOLUTION else f" ({summary.target})")
                found.setdefault((what, record.message), []).append(summary.seed)
    expected_targets = [
        SOLUTION,
        STUB,
        *(MUTANT_PREFIX + m for m in audit.mistakes if audit.with_mutants),
        *(ALTERNATIVE_PREFIX + a for a in audit.approaches),
    ]
    for target in expected_targets:
        missing = [s for s in seeds if s not in by_target.get(target, {})]
        if missing:
            found[(f"{target}: not graded (did the session crash?)", "")] = missing
    for target in (SOLUTION, *(ALTERNATIVE_PREFIX + a for a in audit.approaches)):
        who = "solution" if target == SOLUTION else f"alternative {target.removeprefix(ALTERNATIVE_PREFIX)}"
        for seed, summary in by_target.get(target, {}).items():
            if summary.earned < summary.possible:
                failed = " | ".join(f"{r.test}: {r.message}" for r in summary.tests if r.outcome != PASSED)
                found.setdefault((f"{who} lost points", failed), []).append(seed)
    for seed, summary in by_target.get(STUB, {}).items():
        if audit.debug and summary.earned >= summary.possible:
            found.setdefault(("the debug stub (buggy starting code) kept full marks", ""), []).append(seed)
        if not audit.debug and summary.earned > 0:
            found.setdefault((f"the stub earned {summary.earned:g} points", ""), []).append(seed)
    for name in audit.mistakes:
        for seed, summary in by_target.get(MUTANT_PREFIX + name, {}).items():
            if summary.earned >= summary.possible:
                found.setdefault((f"mutant {name} kept full marks", ""), []).append(seed)
    for (what, detail), on in found.items():
        audit.violations.append(f"{what} {_on_seeds(sorted(on))}" + (f": {detail}" if detail else ""))


def unproven_tests(audit: ExerciseAudit) -> list[str]:
    """Tests that no mutant ever fails: nothing yet proves that they can."""
    tests = {r.test for r in audit.records}
    killed = {r.test for r in audit.records if r.target.startswith(MUTANT_PREFIX) and r.outcome != PASSED}
    return sorted(tests - killed)


def closest_margins(audit: ExerciseAudit) -> list[dict]:
    """Per statistical check (a test and the quantity it limits), the closest that any fair answer
    (the reference, an alternative) came to its limit over the seeds: where a limit has too little room."""
    fair = {SOLUTION, *(ALTERNATIVE_PREFIX + a for a in audit.approaches)}
    closest: dict[tuple[str, str], dict] = {}
    for record in audit.records:
        if record.target not in fair:
            continue
        for margin in record.margins:
            key = (record.test, margin["check"])
            if key not in closest or margin["margin"] < closest[key]["margin"]:
                closest[key] = {"test": record.test, **margin, "target": record.target, "seed": record.seed}
    return [closest[key] for key in sorted(closest)]


def _relative(margin: dict) -> float:
    return margin["margin"] / max(abs(margin["limit"]), abs(margin["value"]), 1e-9)


def run_audit(
    root: Path,
    exercises: list[layout.Exercise],
    *,
    seeds: list[int],
    jobs: int,
    mutate_seeds: list[int] | None = None,
    fair_only: bool = False,
) -> list[ExerciseAudit]:
    """Audit ``exercises`` over ``seeds``; with ``mutate_seeds``, run the mutation audit too; with
    ``fair_only``, grade only what must earn full marks (and the stub), not the mutants."""
    # one pool for every round: its threads keep their grading hosts warm from the audit to the mutants
    with tempfile.TemporaryDirectory(prefix="mlkata-kit-stubs-") as kit_stubs, ThreadPoolExecutor(jobs) as pool:
        try:
            return _run_audit(
                root,
                exercises,
                seeds=seeds,
                jobs=jobs,
                mutate_seeds=mutate_seeds,
                kit_stubs=Path(kit_stubs),
                pool=pool,
                fair_only=fair_only,
            )
        finally:
            pool.shutdown(wait=False, cancel_futures=True)  # on Ctrl-C or an error, grade nothing still queued
            close_hosts()


def _stub_in_place_of_an_answer(audit: ExerciseAudit, state: StubState, kit_stubs: Path) -> None:
    """A learner's answer in exercises/ is theirs: the audit grades the kit's stub in its place."""
    exercise = audit.exercise
    if state.is_answer:
        (kit_stubs / exercise.relative_module).parent.mkdir(parents=True, exist_ok=True)
        (kit_stubs / exercise.relative_module).write_text(state.generated, encoding="utf-8")
        audit.stub_root = kit_stubs
        audit.notes.append(
            f"{layout.EXERCISES_DIR}/{exercise.relative_module}: {ANSWER_NOTE} (the kit's stub was audited)"
        )


def _run_audit(
    root: Path,
    exercises: list[layout.Exercise],
    *,
    seeds: list[int],
    jobs: int,
    mutate_seeds: list[int] | None,
    kit_stubs: Path,
    pool: ThreadPoolExecutor,
    fair_only: bool = False,
) -> list[ExerciseAudit]:
    audits = []
    for exercise in exercises:
        source = exercise.solution.read_text(encoding="utf-8")
        audits.append(
            ExerciseAudit(
                exercise=exercise,
                debug=is_debug(source),
                mistakes={m.stem: layout.first_docstring_line(m) for m in exercise.mutants},
                approaches={a.stem: layout.first_docstring_line(a) for a in exercise.alternatives},
                with_mutants=not fair_only,
            )
        )
        stub = stub_state(exercise.root, exercise.solution, exercise.stub)
        _check_make_up(audits[-1], stub)
        _stub_in_place_of_an_answer(audits[-1], stub, kit_stubs)
    everything = [(a, _targets(a)) for a in audits]
    work = [(everything, [seed]) for seed in seeds]
    silent: dict[str, str] = {}  # exercise id -> the end of a session's output that graded nothing of it
    with tempfile.TemporaryDirectory(prefix="mlkata-mutants-") as folder:
        graded = _grade(root, work, pool, jobs, graded_in_full=seeds[:1])
        # the first mutation round queues behind the seeds: the job that ends its share of them first
        # grades mutants instead of idling while the other grades the dearest seed (the one in full)
        mutation = _MutationRounds(root, audits, mutate_seeds, Path(folder), pool, jobs) if mutate_seeds else None
        first_round = mutation.queue(mutate_seeds[0]) if mutation else None
        for chunk, session in graded:
            if session is None:
                continue
            for audit, _ in chunk:
                records = [r for r in session.records if r.exercise == audit.exercise.id]
                audit.records += records
                audit.seconds += session.seconds.get(audit.exercise.id, 0.0)
                if not records:
                    silent.setdefault(audit.exercise.id, "\n".join(session.output.strip().splitlines()[-15:]))
        for audit in audits:
            if audit.exercise.id in silent:
                audit.violations.append(f"its graders produced no results:\n{silent[audit.exercise.id]}")
            if audit.records:
                _check_scores(audit, seeds)
        if mutation is not None:
            mutation.finish(first_round)
    return audits


def _slices(work: Chunk, jobs: int) -> list[Chunk]:
    """Cut the work into chunks of about equal numbers of targets, splitting an exercise's targets
    where needed: an exercise with a hundred generated mutants should not keep one job busy alone."""
    total = sum(len(targets) for _, targets in work)
    count = max(1, min(MUTATION_CHUNKS_PER_JOB * jobs, total // MIN_TARGETS_PER_SESSION))
    size = math.ceil(total / count)
    chunks: list[Chunk] = []
    current: Chunk = []
    room = size
    for audit, targets in work:
        while targets:
            taken, targets = targets[:room], targets[room:]
            current.append((audit, taken))
            room -= len(taken)
            if room == 0:
                chunks.append(current)
                current, room = [], size
    return [*chunks, current] if current else chunks


class _MutationRounds:
    """Each exercise's generated mutants and degenerate answers, graded seed by seed: a seed grades
    only the mutants no earlier seed killed (and every degenerate answer)."""

    def __init__(
        self,
        root: Path,
        audits: list[ExerciseAudit],
        seeds: list[int],
        folder: Path,
        pool: ThreadPoolExecutor,
        jobs: int,
    ) -> None:
        from mlkata.mutation import MutationAudit

        self.root, self.audits, self.seeds, self.pool, self.jobs = root, audits, seeds, pool, jobs
        self.modules: dict[str, dict[str, Path]] = {}
        for audit in audits:
            exercise = audit.exercise
            audit.mutation = MutationAudit.of(exercise)
            self.modules[exercise.id] = audit.mutation.write(folder / exercise.topic / exercise.name)

    def queue(self, seed: int) -> tuple[int, Graded]:
        """Queue one seed's round on the pool; the result is what :meth:`take` reads."""
        work = [
            (audit, [{"label": label, "module": str(self.modules[audit.exercise.id][label])} for label in alive])
            for audit in self.audits
            if audit.mutation is not None and (alive := audit.mutation.alive())
        ]
        chunks = [(chunk, [seed]) for chunk in _slices(work, self.jobs)]
        return seed, _grade(self.root, chunks, self.pool, self.jobs, graded_in_full=[])

    def take(self, queued: tuple[int, Graded]) -> None:
        seed, graded = queued
        for chunk, session in graded:
            for audit, _ in chunk:
                if audit.mutation is None:
                    continue
                records = [r for r in session.records if r.exercise == audit.exercise.id] if session else []
                audit.seconds += session.seconds.get(audit.exercise.id, 0.0) if session else 0.0
                if session is not None and not records:
                    tail = "\n".join(session.output.strip().splitlines()[-15:])
                    audit.violations.append(f"a mutation session on seed {seed} produced no results:\n{tail}")
                audit.mutation.record(records, seed)

    def finish(self, first_round: tuple[int, Graded]) -> None:
        """Take the queued first round, grade the other seeds, and give each exercise its verdict;
        an exercise whose own graders produced nothing has no mutation verdict."""
        for audit in self.audits:
            if not audit.records:
                audit.mutation = None
        self.take(first_round)
        for seed in self.seeds[1:]:
            self.take(self.queue(seed))
        for audit in self.audits:
            if audit.mutation is not None:
                audit.violations.extend(audit.mutation.verdict(self.seeds))


def audit_document(
    audits: list[ExerciseAudit], *, seeds: list[int], seconds: float, mutate_seeds: list[int] | None = None
) -> dict:
    return {
        "schema": 1,
        "seeds": seeds,
        "mutate_seeds": mutate_seeds or [],
        "seconds": round(seconds, 1),
        "ok": not any(a.violations for a in audits),
        "exercises": [
            {
                "id": a.exercise.id,
                "debug": a.debug,
                "points": a.points,
                "seconds": round(a.seconds, 2),
                "solution": a.scores(SOLUTION),
                "stub": a.scores(STUB),
                "mutants": {
                    name: {"mistake": mistake, "scores": a.scores(MUTANT_PREFIX + name)}
                    for name, mistake in a.mistakes.items()
                },
                "alternatives": {
                    name: {"approach": approach, "scores": a.scores(ALTERNATIVE_PREFIX + name)}
                    for name, approach in a.approaches.items()
                },
                "unproven_tests": unproven_tests(a),
                "margins": closest_margins(a),
                "mutation": a.mutation.document() if a.mutation is not None else None,
                "violations": a.violations,
            }
            for a in audits
        ],
    }


def _range(scores: dict[int, float]) -> str:
    if not scores:
        return "-"
    low, high = min(scores.values()), max(scores.values())
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def render_matrix(audits: list[ExerciseAudit], seeds: list[int]) -> list[str]:
    """The audit as rows of text: per exercise, what each target scored over the seeds."""
    lines = []
    n = len(seeds)
    for audit in audits:
        mark = "FAIL" if audit.violations else "ok"
        kind = " (debug)" if audit.debug else ""
        lines.append(f"{mark:<5}{audit.exercise.id}{kind}: {audit.points:g} points, graded in {audit.seconds:.1f}s")
        solution = audit.scores(SOLUTION)
        full = sum(1 for v in solution.values() if v >= audit.points)
        lines.append(f"       {'solution':<34}{_range(solution):>9}   full marks on {full}/{n} seeds")
        lines.append(f"       {'stub':<34}{_range(audit.scores(STUB)):>9}")
        for name in audit.mistakes if audit.with_mutants else ():
            scores = audit.scores(MUTANT_PREFIX + name)
            rejected = sum(1 for v in scores.values() if v < audit.points)
            lines.append(f"       {'mutant ' + name:<34}{_range(scores):>9}   rejected on {rejected}/{n} seeds")
        for name in audit.approaches:
            scores = audit.scores(ALTERNATIVE_PREFIX + name)
            full = sum(1 for v in scores.values() if v >= audit.points)
            lines.append(f"       {'alternative ' + name:<34}{_range(scores):>9}   full marks on {full}/{n} seeds")
        if audit.mutation is not None:
            lines.extend(f"       {line}" for line in audit.mutation.lines())
        margins = closest_margins(audit)
        if margins:
            tightest = min(margins, key=_relative)
            lines.append(
                f"       closest call of {len(margins)} statistical check(s): {tightest['test']} ({tightest['check']}) "
                f"{tightest['margin']:.3g} from its limit {tightest['limit']:.4g}, {tightest['target']} on seed "
                f"{tightest['seed']}"
            )
        unproven = unproven_tests(audit)
        if unproven and audit.records and audit.with_mutants:
            lines.append(f"       note: no mutant fails {', '.join(unproven)}")
        lines.extend(f"       note: {note}" for note in audit.notes)
        lines.extend(f"       ! {v}" for v in audit.violations)
    return lines


def _mutation_summary(audits: list[ExerciseAudit], seeds: list[int]) -> str:
    totals = {"generated": 0, "killed": 0, "equivalent": 0, "surviving": 0}
    for audit in audits:
        if audit.mutation is not None:
            for key, value in audit.mutation.counts().items():
                totals[key] += value
    return (
        f"mutation audit over {len(seeds)} seed(s): {totals['generated']} mutants generated, {totals['killed']} "
        f"killed, {totals['equivalent']} equivalent, {totals['surviving']} surviving"
    )


def audit_main(
    root: Path,
    patterns: list[str] | None,
    *,
    seeds: int,
    jobs: int,
    json_path: Path | None,
    mutate_seeds: int | None = None,
    fair_only: bool = False,
) -> int:
    """``mlkata audit``: the matrix on the terminal (and as JSON); 1 on any violation. With
    ``mutate_seeds``, the mutation audit over that many seeds as well."""
    if mutate_seeds is not None:
        try:
            import mlkata.mutation  # noqa: F401 - its engine, cosmic-ray, is a development dependency
        except ImportError as error:
            print(
                f"mlkata audit --mutate needs the mutation engine cosmic-ray ({error.name} is not installed): "
                'pip install -e ".[dev]"',
                file=sys.stderr,
            )
            return 2
    exercises = layout.select(layout.discover(root), patterns)
    if not exercises:
        print("no exercises found: nothing to audit")
        return 1
    seed_list = list(range(seeds))
    mutate_list = list(range(mutate_seeds)) if mutate_seeds is not None else None
    start = time.perf_counter()
    try:
        audits = run_audit(root, exercises, seeds=seed_list, jobs=jobs, mutate_seeds=mutate_list, fair_only=fair_only)
    except KeyboardInterrupt:
        print("\ninterrupted: an audit proves nothing until every seed is graded", file=sys.stderr)
        return 130
    seconds = time.perf_counter() - start
    for line in render_matrix(audits, seed_list):
        print(line)
    failing = [a.exercise.id for a in audits if a.violations]
    verdict = f"{len(failing)} exercise(s) with violations: {', '.join(failing)}" if failing else "all graders valid"
    if mutate_list:
        print(f"\n{_mutation_summary(audits, mutate_list)}")
    print(f"\naudit of {len(audits)} exercise(s) over {seeds} seeds in {seconds:.1f}s: {verdict}")
    if json_path is not None:
        document = audit_document(audits, seeds=seed_list, seconds=seconds, mutate_seeds=mutate_list)
        write_json_atomically(json_path, document)
    return 1 if failing else 0
