"""Grading many submissions: in parallel, each written as soon as it is known, resumable.

Each candidate's results land in ``OUT/<candidate>/`` (results.json, and the other formats asked
for) the moment that candidate is graded, through an atomic rename; a re-run skips a candidate
whose results were made with the same seed from the same submission, unless forced. An interrupted
run loses nothing already written. The cohort files (gradebook.csv, cohort.html) are rewritten
from every candidate's results.json at the end.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from mlkata import layout, reports
from mlkata.isolation import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from mlkata.results import results_document, write_json_atomically, write_text_atomically
from mlkata.sessions import run_graders
from mlkata.submissions import Refused, Submission, digest, materialise

NOT_SUBMITTED = "not submitted"


class GradingFailed(RuntimeError):
    """The grading machinery, not the candidate, failed on a submission: nothing is written for it."""


COHORT_FILE = "cohort.json"  # the cohort's seed, so that a re-run without --seed resumes with it


def stored_seed(out: Path) -> int | None:
    """The seed an earlier run into ``out`` graded with, if any."""
    try:
        return int(json.loads((out / COHORT_FILE).read_text(encoding="utf-8"))["seed"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class GradingOptions:
    seed: int
    isolation: str = "process"
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    formats: tuple[str, ...] = reports.FORMATS
    force: bool = False


def grade_one(
    root: Path, submission: Submission, exercises: list[layout.Exercise], options: GradingOptions, *, hide: list[Path]
) -> dict:
    """Grade one submission; return its results document (with candidate, submission and isolation)."""
    with tempfile.TemporaryDirectory(prefix="mlkata-submission-") as scratch:
        refusal = None
        try:
            tree = materialise(submission, Path(scratch, "tree"))
        except Refused as error:
            refusal = str(error)
            tree = Path(scratch, "nothing")  # graded as empty: every exercise not attempted, points intact
            tree.mkdir()
        flags = [f"--mlkata-impl={tree}", f"--mlkata-seed={options.seed}", f"--mlkata-isolation={options.isolation}"]
        flags += [f"--mlkata-timeout={options.timeout:g}", f"--mlkata-memory={options.memory_mb}"]
        flags += [f"--mlkata-hide={path}" for path in hide]
        session = run_graders(root, [e.grader for e in exercises if e.grader.is_file()], flags)
        # pytest's 0 and 1 are a finished session; anything else (2: interrupted) left it part-graded,
        # and a part-graded candidate must not be written as if complete
        if session.returncode not in (0, 1) or not session.records:
            tail = "\n".join(session.output.strip().splitlines()[-15:])
            raise GradingFailed(f"grading {submission.name} did not finish (pytest exit {session.returncode}):\n{tail}")
        records = session.records
        if refusal is not None:
            records = [replace(r, message=f"{NOT_SUBMITTED}: {refusal}") for r in records]
        document = results_document(records, seed=options.seed, implementation=submission.name)
        document.update(
            refused=refusal,
            submission={"kind": submission.kind, "digest": None if refusal else digest(tree)},
            isolation=session.isolation,
        )
    document["candidate"] = submission.name
    return document


def _up_to_date(folder: Path, submission: Submission, options: GradingOptions) -> dict | None:
    """The stored results of ``submission``, if they were made with this seed from this submission."""
    stored = folder / "results.json"
    if options.force or not stored.is_file():
        return None
    try:
        document = json.loads(stored.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    with tempfile.TemporaryDirectory(prefix="mlkata-check-") as scratch:
        try:
            current = digest(materialise(submission, Path(scratch, "tree")))
        except Refused:
            current = None
    same = document.get("seed") == options.seed and (document.get("submission") or {}).get("digest") == current
    return document if same else None


def write_candidate(folder: Path, document: dict, formats: tuple[str, ...]) -> None:
    """The candidate's files; results.json last, so that its presence means the rest are there."""
    if "junit" in formats:
        write_text_atomically(folder / "junit.xml", reports.junit_xml(document))
    if "gradescope" in formats:
        write_json_atomically(folder / "gradescope.json", reports.gradescope_results(document))
    if "html" in formats:
        write_text_atomically(folder / "report.html", reports.candidate_html(document))
    write_json_atomically(folder / "results.json", document)


def write_cohort(out: Path, documents: list[dict], formats: tuple[str, ...]) -> None:
    if "csv" in formats:
        write_text_atomically(out / "gradebook.csv", reports.gradebook_csv(documents))
    if "html" in formats:
        write_text_atomically(out / "cohort.html", reports.cohort_html(documents))


def grade_cohort(
    root: Path,
    submissions: list[Submission],
    out: Path,
    options: GradingOptions,
    *,
    jobs: int = 1,
    exercises: list[layout.Exercise] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[dict]:
    """Grade every submission into ``out``; return their documents in submission order."""
    exercises = exercises if exercises is not None else layout.discover(root)
    out.mkdir(parents=True, exist_ok=True)
    write_json_atomically(out / COHORT_FILE, {"schema": 1, "seed": options.seed})
    # the candidate's process must see neither the submissions nor the results
    hide = sorted({s.source.resolve().parent for s in submissions} | {out.resolve()})
    documents: dict[str, dict] = {}
    todo = []
    for submission in submissions:
        stored = _up_to_date(out / submission.name, submission, options)
        if stored is not None:
            documents[submission.name] = stored
        else:
            todo.append(submission)
    done = len(documents)
    report = progress or (lambda line: None)
    if done:
        report(f"{done} candidate(s) already graded with seed {options.seed}: skipped (--force re-grades them)")
    started = time.perf_counter()
    failures: list[str] = []
    pool = ThreadPoolExecutor(max_workers=jobs)
    futures = {pool.submit(grade_one, root, s, exercises, options, hide=hide): s for s in todo}
    try:
        for future in as_completed(futures):
            submission = futures[future]
            done += 1
            bar = "#" * round(20 * done / len(submissions))
            elapsed = time.perf_counter() - started
            try:
                document = future.result()
            except GradingFailed as failure:
                failures.append(str(failure))
                report(f"[{bar:<20}] {done}/{len(submissions)} {submission.name}: NOT GRADED ({failure})")
                continue
            write_candidate(out / submission.name, document, options.formats)
            documents[submission.name] = document
            earned, possible = reports.totals(document)
            report(f"[{bar:<20}] {done}/{len(submissions)} {submission.name}: {earned:g}/{possible:g} ({elapsed:.0f}s)")
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)  # what is written stays; the rest waits for a re-run
        raise
    pool.shutdown()
    ordered = [documents[s.name] for s in submissions if s.name in documents]
    write_cohort(out, ordered, options.formats)
    if failures:
        raise GradingFailed(f"{len(failures)} submission(s) could not be graded; run again to retry them")
    return ordered


def print_progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
