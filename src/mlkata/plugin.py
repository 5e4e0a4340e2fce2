"""The pytest plugin that turns graders into points.

Active in a kit, that is where the ini option ``mlkata_graders`` names the graders folder. Then:

* ``pytest exercises/evaluation`` (or ``solutions/...``, a mutant's or an alternative's file, any
  tree given with ``--mlkata-impl``) collects the matching graders and grades that tree;
* graders receive the implementation through the ``impl`` fixture and their data seed through
  ``seed``; the base seed is random per run, printed in the header, fixed with ``--mlkata-seed``;
* every graded test carries points (``@pytest.mark.points(n)``, default 1), and the run ends with a
  table of points per exercise; ``--mlkata-results FILE`` writes the same as JSON.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mlkata import cache, layout, sandbox
from mlkata.checks import GradeFailure, take_margins
from mlkata.isolation import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, ISOLATIONS, Worker, WorkerFailure
from mlkata.results import (
    ERROR,
    FAILED,
    GRADER_ERROR,
    NOT_ATTEMPTED,
    PASSED,
    TestRecord,
    render_table,
    results_document,
    summarise,
    write_json_atomically,
)
from mlkata.runner import CandidateError, Implementation, NotAttempted, Target
from mlkata.seeds import data_seed, random_seed

SEED_HELP = "base seed for the graders' generated data (default: random, printed in the header)"
IMPL_HELP = "the tree mirroring exercises/ to grade (default: exercises)"
RESULTS_HELP = "write per-exercise, per-test results to this JSON file"
TRACEBACKS_HELP = "show graders' full tracebacks instead of the candidate-facing message (for authors)"
GRADERS_HELP = "the kit's graders folder; the plugin is active only where this is set"
AUDIT_HELP = "grade every target and seed listed in this audit plan (written by `mlkata audit`)"
ISOLATION_HELP = (
    "where candidate code runs: 'none' (in the grading process: fast, debuggable) or 'process' "
    "(a fenced worker process; for untrusted submissions)"
)
TIMEOUT_HELP = "the wall-clock limit of one call to candidate code, in seconds"
MEMORY_HELP = "with process isolation: the candidate's address-space limit, in MB"
HIDE_HELP = "with process isolation: another folder the candidate's process must not see (repeatable)"
CACHE_HELP = "keep the graders' shared work (the reference's answers, refits) in this folder across runs"

POINTS_MARKER = "points(n): the points a grader test is worth (default 1)"


@dataclass
class GradingState:
    root: Path
    graders: Path
    seed: int
    target: Target
    audit: dict | None = None
    records: list[TestRecord] = field(default_factory=list)
    isolation: str = "none"
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    hide: list[Path] = field(default_factory=list)
    workers: dict[Path, Worker] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # grading time by exercise id
    # in an audit: (exercise, target, seed) of mutants that already lost points where the plan asks only
    # whether they do (their remaining tests are skipped)
    rejected: set[tuple[str, str, int]] = field(default_factory=set)

    def decided_on_first_failure(self, target: str, seed: int) -> bool:
        """Whether the audit plan grades ``target`` on ``seed`` only until it loses points."""
        if self.audit is None or target not in self.audit.get("until_rejected", ()):
            return False
        return seed not in self.audit.get("graded_in_full", ())

    def fences(self) -> list[str]:
        """What stood between candidate code and the grader in this run."""
        if self.isolation == "none":
            return ["in-process"]
        return sorted({fence for worker in self.workers.values() for fence in worker.fences})

    def worker_for(self, target: Target) -> Worker | None:
        """The worker that runs ``target``'s code, or None where it runs in this process."""
        if self.isolation == "none" or target.root is None:
            return None
        if target.root not in self.workers:
            kit = (
                layout.SOLUTIONS_DIR,
                layout.GRADERS_DIR,
                layout.MUTANTS_DIR,
                layout.ALTERNATIVES_DIR,
                layout.HINTS_DIR,
                ".git",
            )
            secrets = [self.root / name for name in kit] + [target.root, *self.hide]
            self.workers[target.root] = Worker(
                target.root, secrets=secrets, timeout=self.timeout, memory_mb=self.memory_mb
            )
        return self.workers[target.root]


STATE = pytest.StashKey[GradingState]()


@dataclass(frozen=True)
class Case:
    """One grading of one exercise: which implementation, with which base seed."""

    exercise: layout.Exercise
    target: Target
    base_seed: int

    @property
    def seed(self) -> int:
        """The exercise's data seed: the same for every target graded with this base seed."""
        return data_seed(self.base_seed, self.exercise.id)


def _option(config: pytest.Config, name: str) -> str | None:
    value = config.getoption(name)
    return value if value is not None else (config.getini(name) or None)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mlkata", "mlkata grading")
    group.addoption("--mlkata-seed", dest="mlkata_seed", type=int, metavar="N", help=SEED_HELP)
    group.addoption("--mlkata-impl", dest="mlkata_impl", metavar="DIR", help=IMPL_HELP)
    group.addoption("--mlkata-results", dest="mlkata_results", metavar="FILE", help=RESULTS_HELP)
    group.addoption("--mlkata-tracebacks", dest="mlkata_tracebacks", action="store_true", help=TRACEBACKS_HELP)
    group.addoption("--mlkata-audit", dest="mlkata_audit", metavar="PLAN", help=AUDIT_HELP)
    group.addoption("--mlkata-isolation", dest="mlkata_isolation", choices=ISOLATIONS, help=ISOLATION_HELP)
    group.addoption("--mlkata-timeout", dest="mlkata_timeout", type=float, metavar="SECONDS", help=TIMEOUT_HELP)
    group.addoption("--mlkata-memory", dest="mlkata_memory", type=int, metavar="MB", help=MEMORY_HELP)
    group.addoption("--mlkata-hide", dest="mlkata_hide", action="append", default=[], metavar="DIR", help=HIDE_HELP)
    group.addoption("--mlkata-cache", dest="mlkata_cache", metavar="DIR", help=CACHE_HELP)
    parser.addini("mlkata_seed", SEED_HELP)
    parser.addini("mlkata_impl", IMPL_HELP)
    parser.addini("mlkata_results", RESULTS_HELP)
    parser.addini("mlkata_tracebacks", TRACEBACKS_HELP, type="bool", default=False)
    parser.addini("mlkata_graders", GRADERS_HELP)
    parser.addini("mlkata_isolation", ISOLATION_HELP, default="none")
    parser.addini("mlkata_timeout", TIMEOUT_HELP, default=str(DEFAULT_TIMEOUT))
    parser.addini("mlkata_memory", MEMORY_HELP, default=str(DEFAULT_MEMORY_MB))
    parser.addini("mlkata_cache", CACHE_HELP)


def _graded_tree(config: pytest.Config, root: Path) -> Target:
    impl = _option(config, "mlkata_impl")
    if impl is None:
        return Target(label=layout.EXERCISES_DIR, root=root / layout.EXERCISES_DIR)
    path = (config.invocation_params.dir / impl).resolve()
    if not path.is_dir():
        raise pytest.UsageError(f"--mlkata-impl: {impl} is not a directory")
    return Target(label=impl, root=path)


def _map_to_graders(arg: str, state: GradingState, explicit: Target) -> tuple[str, Target | None]:
    """Map a path inside a graded tree to the graders of the same exercises, and that tree."""
    path_part, sep, rest = arg.partition("::")
    path = Path(path_part).resolve()
    trees = {
        state.root / layout.EXERCISES_DIR: Target(label=layout.EXERCISES_DIR, root=state.root / layout.EXERCISES_DIR),
        state.root / layout.SOLUTIONS_DIR: Target(label=layout.SOLUTIONS_DIR, root=state.root / layout.SOLUTIONS_DIR),
    }
    if explicit.root is not None:
        trees[explicit.root] = explicit
    for folder, kind in ((layout.MUTANTS_DIR, "mutant"), (layout.ALTERNATIVES_DIR, "module")):
        variants = state.root / folder
        if path.suffix == ".py" and path.is_relative_to(variants) and len(path.relative_to(variants).parts) == 3:
            topic, name, _ = path.relative_to(variants).parts
            grader = state.graders / topic / f"test_{name}.py"
            label = f"{'mutant' if kind == 'mutant' else 'alternative'}:{path.stem}"
            return str(grader) + sep + rest, Target(label=label, **{kind: path})
    for tree, target in sorted(trees.items(), key=lambda item: -len(item[0].parts)):
        if not path.is_relative_to(tree.resolve()):
            continue
        relative = path.relative_to(tree.resolve())
        if path.suffix == ".py":
            grader = state.graders / relative.parent / f"test_{relative.name}"
        else:
            grader = state.graders / relative
        if not grader.exists():
            raise pytest.UsageError(f"{path_part}: no graders for it (looked for {grader})")
        return str(grader) + sep + rest, target
    return arg, None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", POINTS_MARKER)
    graders_setting = config.getini("mlkata_graders")
    if not graders_setting:
        return
    root = config.rootpath
    explicit = _graded_tree(config, root)
    seed = _option(config, "mlkata_seed")
    state = GradingState(
        root=root,
        graders=(root / graders_setting).resolve(),
        seed=int(seed) if seed is not None else random_seed(),
        target=explicit,
    )
    state.isolation = _option(config, "mlkata_isolation") or "none"
    if state.isolation not in ISOLATIONS:
        raise pytest.UsageError(f"mlkata_isolation must be one of {', '.join(ISOLATIONS)}, not {state.isolation!r}")
    state.timeout = float(_option(config, "mlkata_timeout") or DEFAULT_TIMEOUT)
    state.memory_mb = int(_option(config, "mlkata_memory") or DEFAULT_MEMORY_MB)
    state.hide = [(config.invocation_params.dir / d).resolve() for d in config.getoption("mlkata_hide")]
    cache_folder = _option(config, "mlkata_cache")
    cache.configure(root, (config.invocation_params.dir / cache_folder).resolve() if cache_folder else None)
    plan = config.getoption("mlkata_audit")
    if plan:
        state.audit = json.loads(Path(plan).read_text(encoding="utf-8"))
    chosen = set()
    new_args = []
    for arg in config.args:
        mapped, target = _map_to_graders(arg, state, explicit)
        new_args.append(mapped)
        if target is not None:
            chosen.add(target)
    if len(chosen) > 1:
        labels = ", ".join(sorted(t.label for t in chosen))
        raise pytest.UsageError(f"grade one implementation at a time; these paths name several: {labels}")
    if chosen:
        state.target = chosen.pop()
    config.args[:] = new_args
    config.stash[STATE] = state
    config.pluginmanager.register(_Recorder(state), "mlkata-recorder")
    if state.isolation != "none":
        try:
            sandbox.check_available()
            worker = state.worker_for(state.target)
            if worker is not None:
                worker.prestart()  # its start-up overlaps collection and the graders' first data
        except (sandbox.SandboxUnavailable, WorkerFailure) as error:
            raise pytest.UsageError(str(error)) from None


def pytest_report_header(config: pytest.Config) -> list[str]:
    state = config.stash.get(STATE, None)
    if state is None:
        return []
    if state.audit is not None:
        return [f"mlkata: audit over seeds {state.audit['seeds']}"]
    return [f"mlkata: grading {state.target.label} with seed {state.seed} (reproduce with --mlkata-seed={state.seed})"]


def _is_grader(item: pytest.Item, state: GradingState) -> bool:
    return _inside(Path(item.path), state.graders)


@functools.lru_cache(maxsize=1024)
def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    state = metafunc.config.stash.get(STATE, None)
    if state is None or state.audit is None or "mlkata_case" not in metafunc.fixturenames:
        return
    exercise = layout.exercise_for_grader(state.root, Path(metafunc.definition.path))
    targets = [
        Target(
            label=t["label"],
            root=Path(t["root"]) if t.get("root") else None,
            mutant=Path(t["mutant"]) if t.get("mutant") else None,
            module=Path(t["module"]) if t.get("module") else None,
        )
        for t in state.audit["targets"].get(exercise.id, [])
    ]
    cases = [Case(exercise, target, seed) for target in targets for seed in state.audit["seeds"]]
    metafunc.parametrize("mlkata_case", cases, ids=[_case_id(c) for c in cases], scope="module")


@pytest.fixture(scope="module")
def mlkata_case(request: pytest.FixtureRequest) -> Case:
    """The exercise this grader module grades, the implementation graded, and the base seed."""
    state = request.config.stash.get(STATE, None)
    if state is None:
        pytest.fail("the mlkata plugin is not active here: set mlkata_graders in the ini file")
    exercise = layout.exercise_for_grader(state.root, Path(request.module.__file__))
    return Case(exercise, state.target, state.seed)


@pytest.fixture(scope="module")
def impl(mlkata_case: Case, request: pytest.FixtureRequest) -> Implementation:
    """The implementation under test; call its functions as ``impl.name(...)``."""
    state = request.config.stash[STATE]
    worker = state.worker_for(mlkata_case.target)
    return Implementation(mlkata_case.exercise, mlkata_case.target, worker=worker, timeout=state.timeout)


@pytest.fixture(scope="module")
def seed(mlkata_case: Case) -> int:
    """This exercise's data seed, derived from the run's base seed."""
    return mlkata_case.seed


@pytest.fixture(scope="module")
def reference(mlkata_case: Case) -> Implementation:
    """The reference solution, for graders that compare with it (never shown to the candidate)."""
    root = mlkata_case.exercise.root / layout.SOLUTIONS_DIR
    return Implementation(mlkata_case.exercise, Target(label=layout.SOLUTIONS_DIR, root=root), shared=True)


def _first_paragraph_of_assertion(error: BaseException) -> str:
    # pytest's assertion rewriting appends the compared values after the message: never show them
    text = str(error)
    return text.split("\nassert ")[0].strip() or "a grader's assertion failed"


def _classify(excinfo: pytest.ExceptionInfo | None) -> tuple[str, str]:
    if excinfo is None:
        return PASSED, ""
    error = excinfo.value
    if isinstance(error, NotAttempted):
        return NOT_ATTEMPTED, str(error)
    if isinstance(error, CandidateError):
        return ERROR, str(error)
    if isinstance(error, GradeFailure):
        return FAILED, str(error)
    if isinstance(error, AssertionError):
        return FAILED, _first_paragraph_of_assertion(error)
    return GRADER_ERROR, f"the grader itself failed ({type(error).__name__}: {error}); please report this"


def _case_of(item: pytest.Item, state: GradingState) -> Case:
    """The case an item grades, known even when a fixture failed before ``mlkata_case`` was set up."""
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "mlkata_case" in callspec.params:
        return callspec.params["mlkata_case"]
    return Case(layout.exercise_for_grader(state.root, Path(item.path)), state.target, state.seed)


def _case_id(case: Case) -> str:
    return f"{case.target.label}-s{case.base_seed}"


def _test_name(item: pytest.Item, case: Case) -> str:
    """The grader test's name with its own parameters (``test_x[tied]``), never the audit's target and seed."""
    if not isinstance(item, pytest.Function) or item.name == item.originalname:
        return item.name
    own = item.name[len(item.originalname) + 1 : -1]
    if "mlkata_case" in getattr(getattr(item, "callspec", None), "params", {}):
        parts = own.split(_case_id(case))
        own = "-".join(part.strip("-") for part in parts if part.strip("-"))
    return f"{item.originalname}[{own}]" if own else item.originalname


def _graded_record(item: pytest.Item, call: pytest.CallInfo) -> TestRecord | None:
    """The record of a grader test's outcome, or None for what is not a graded outcome (a passed
    setup, a teardown, a skip, a test outside the graders)."""
    state = item.config.stash.get(STATE, None)
    if state is None or not _is_grader(item, state) or call.when == "teardown":
        return None
    if call.when == "setup" and call.excinfo is None:
        return None
    if call.excinfo is not None and call.excinfo.errisinstance(pytest.skip.Exception):
        return None
    if call.excinfo is not None and call.excinfo.errisinstance(WorkerFailure):
        # the sandbox, not the candidate, failed: no score from this session can be trusted
        pytest.exit(f"mlkata: {call.excinfo.value}", returncode=pytest.ExitCode.INTERNAL_ERROR)
    case = _case_of(item, state)
    outcome, message = _classify(call.excinfo)
    margins = tuple(take_margins()) if state.audit is not None else ()
    marker = item.get_closest_marker("points")
    points = float(marker.args[0]) if marker and marker.args else 1.0
    return TestRecord(
        exercise=case.exercise.id,
        test=_test_name(item, case),
        points=points,
        earned=points if outcome == PASSED else 0.0,
        outcome=outcome,
        message=message,
        target=case.target.label,
        seed=case.base_seed,
        margins=margins,
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    take_margins()  # what earlier tests noted is theirs (or was not graded)
    state = item.config.stash.get(STATE, None)
    if state is not None and state.audit is not None and _is_grader(item, state):
        case = _case_of(item, state)
        if (case.exercise.id, case.target.label, case.base_seed) in state.rejected:
            pytest.skip("this mutant has already lost points on this seed")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport | None:
    """Report a graded test; a candidate's failure gets its teaching message as the whole report.

    Building the report here, rather than rewriting pytest's, skips pytest's traceback rendering,
    which parses source files for every failure and dominated audits (thousands of failures).
    Passes and grader errors get pytest's own report (with the full traceback for grader errors).
    """
    record = _graded_record(item, call)
    if record is None:
        return None
    user_properties = [*item.user_properties, ("mlkata", record.to_json())]
    show_tracebacks = item.config.getoption("mlkata_tracebacks") or item.config.getini("mlkata_tracebacks")
    if record.outcome in (PASSED, GRADER_ERROR) or show_tracebacks:
        report = pytest.TestReport.from_item_and_call(item, call)
        report.user_properties = user_properties
        return report
    sections = [(f"Captured {key} {when}", content) for when, key, content in getattr(item, "_report_sections", [])]
    path, line, domain = item.location
    return pytest.TestReport(
        item.nodeid,
        (path, line, f"{record.exercise}: {domain}"),  # the failure's header names the exercise
        {keyword: 1 for keyword in item.keywords},
        "failed",
        f"[{record.outcome}] {record.message}",
        call.when,
        sections,
        call.duration,
        call.start,
        call.stop,
        user_properties=user_properties,
    )


def _record_of(report: pytest.TestReport | pytest.CollectReport) -> dict | None:
    # a collection report (a grader module that does not import) carries no record
    return next((value for name, value in getattr(report, "user_properties", ()) if name == "mlkata"), None)


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    """Not-attempted tests get their own category, counted but without a traceback section; a
    candidate's failure inside a fixture is a failed test, not a pytest ERROR (which would read as
    a broken grader)."""
    record = _record_of(report)
    if record is None:
        return None
    if record["outcome"] == NOT_ATTEMPTED:
        return "not attempted", "n", ("NOT ATTEMPTED", {"yellow": True})
    if report.when == "setup" and report.failed and record["outcome"] in (FAILED, ERROR):
        return "failed", "F", ("FAILED", {"red": True})
    return None


class _Recorder:
    """Collects the records graders attach to their reports (they travel with the report,
    so this also works when reports arrive from other processes)."""

    def __init__(self, state: GradingState):
        self.state = state

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        record = _record_of(report)
        if record is not None:
            self.state.records.append(TestRecord.from_json(record))
            if record["outcome"] != PASSED and self.state.decided_on_first_failure(record["target"], record["seed"]):
                self.state.rejected.add((record["exercise"], record["target"], record["seed"]))
        # every phase's time (fixtures included) by exercise: where an audit's time goes
        path = self.state.root / report.location[0]
        if path.is_relative_to(self.state.graders):
            exercise = layout.exercise_for_grader(self.state.root, path).id
            self.state.seconds[exercise] = self.state.seconds.get(exercise, 0.0) + report.duration


def _print_points(config: pytest.Config, state: GradingState) -> None:
    """The points table, the run's last words (after pytest's short summary and counts)."""
    terminalreporter = config.pluginmanager.get_plugin("terminalreporter")
    if terminalreporter is None or state.audit is not None or not state.records:
        return
    scores = summarise(state.records)
    terminalreporter.section(f"mlkata: points for {state.target.label} (seed {state.seed})")
    for line, colour in render_table(scores):
        terminalreporter.write_line(line, **{colour: True})
    if any(s.status == NOT_ATTEMPTED for s in scores):
        terminalreporter.write_line("Open an exercise's file, read its docstring, and replace the TODO.")
    if any(s.status == FAILED for s in scores):
        terminalreporter.write_line("Each failure above says what behaviour was expected, on what kind of input.")


def pytest_unconfigure(config: pytest.Config) -> None:
    state = config.stash.get(STATE, None)
    if state is None:
        return
    _print_points(config, state)
    for worker in state.workers.values():
        worker.close()
    destination = _option(config, "mlkata_results")
    if destination:
        document = results_document(state.records, seed=state.seed, implementation=state.target.describe())
        document["isolation"] = state.fences()
        if state.audit is not None:
            document["seconds"] = state.seconds
        write_json_atomically(Path(config.invocation_params.dir, destination), document)
    # the learner's progress: only their own self-grading of the kit's exercises/, never an audit or another tree
    if state.audit is None and state.records and state.target.root == state.root / layout.EXERCISES_DIR:
        from mlkata.learner import record_self_grading

        record_self_grading(state.root, state.records)
