"""Grading many submissions: in parallel, each written as soon as it is known, resumable.

Each candidate's results land in ``OUT/<folder>/`` (results.json, and the other formats asked
for) the moment that candidate is graded, through an atomic rename. The folder is the candidate's
name made safe and distinct (``candidate_folders``); the reports keep the name as given. A re-run
skips a candidate whose results were made with the same seed from the same submission, unless
forced. An interrupted run loses nothing already written. The cohort files (gradebook.csv,
cohort.html) are rewritten from every candidate's results.json at the end. A submission that cannot
be read is graded as not submitted, with the reason; nothing one submission holds stops the others.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from mlkata import analysis, layout, reports, similarity
from mlkata.cache import CACHE_FOLDER
from mlkata.isolation import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from mlkata.results import results_document, safe_text, write_json_atomically, write_text_atomically
from mlkata.sessions import close_hosts, run_graders, stop_all
from mlkata.submissions import Refused, Submission, Unpacked, holds_notebooks, unpack

NOT_SUBMITTED = "not submitted"


class GradingFailed(RuntimeError):
    """The grading machinery, not the candidate, failed on a submission: nothing is written for it."""


COHORT_FILE = "cohort.json"  # the cohort's seed, so that a re-run without --seed resumes with it
GRADEBOOK_FILE = "gradebook.csv"
OVERVIEW_FILE = "cohort.html"
_COHORT_FILES = (COHORT_FILE, GRADEBOOK_FILE, OVERVIEW_FILE)  # every file a cohort writes beside the candidates


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
    cache: Path | None = None  # where the graders' shared work is kept across candidates and runs (cache.py)
    threads: int | None = None  # BLAS and OpenMP threads per session: the cores shared by the jobs


def _folder_name(name: str) -> str:
    """``name`` made a folder name: each run of characters other than letters, digits, ``.``, ``-`` and
    ``_`` becomes ``_``; none of those three at either end (no hidden folder, nothing read as an option);
    at most 60 characters; "candidate" when nothing is left."""
    cleaned = re.sub(r"[^\w.-]+", "_", unicodedata.normalize("NFKC", name)).strip("._-")[:60].strip("._-")
    return cleaned or "candidate"


def candidate_folders(submissions: list[Submission]) -> list[str]:
    """Each submission's folder in OUT: its name made safe, never a cohort file's nor another
    candidate's (case aside), clashes settled by ``-2``, ``-3``... in submission order, so that the
    same submissions get the same folders on every run."""
    taken = {name.casefold() for name in _COHORT_FILES}
    folders = []
    for submission in submissions:
        base = folder = _folder_name(submission.name)
        suffix = 1
        while folder.casefold() in taken:
            suffix += 1
            folder = f"{base}-{suffix}"
        taken.add(folder.casefold())
        folders.append(folder)
    return folders


def submission_fingerprint(unpacked: Unpacked | None) -> dict:
    """What tells a submission's results apart from another version's: the digest of its Python files
    and, from git, the commit graded; None for a refused submission."""
    return {"digest": unpacked and unpacked.digest, "commit": unpacked and unpacked.commit}


def grade_one(
    root: Path, submission: Submission, exercises: list[layout.Exercise], options: GradingOptions, *, hide: list[Path]
) -> dict:
    """Grade one submission; return its results document (with candidate, submission and isolation).

    A submission that cannot be read is graded as empty, its reason on every test; GradingFailed is
    the grading machinery's failure alone.
    """
    with tempfile.TemporaryDirectory(prefix="mlkata-submission-") as scratch:
        refusal = unpacked = None
        notes: list[str] = []
        try:
            unpacked = unpack(submission, Path(scratch, "tree"))
            tree = unpacked.folder
            if holds_notebooks(tree):  # nbgrader notebooks: their answer cells become the modules graded
                from mlkata.notebooks import write_answers

                try:
                    notes = write_answers(tree, Path(scratch, "answers"), exercises)
                except (OSError, ValueError) as error:
                    raise Refused(f"its notebooks could not be read: {error}") from error
                tree = Path(scratch, "answers")
                tree.mkdir(exist_ok=True)
        except Refused as error:
            refusal = str(error)
            tree = Path(scratch, "nothing")  # graded as empty: every exercise not attempted, points intact
            tree.mkdir()
        flags = [f"--mlkata-impl={tree}", f"--mlkata-seed={options.seed}", f"--mlkata-isolation={options.isolation}"]
        flags += [f"--mlkata-timeout={options.timeout:g}", f"--mlkata-memory={options.memory_mb}"]
        flags += [f"--mlkata-hide={path}" for path in hide]
        if options.cache is not None:
            flags.append(f"--mlkata-cache={options.cache}")
        graders = [e.grader for e in exercises if e.grader.is_file()]
        # sandboxed candidates are graded one after another in a warm grading host; in-process ones each get
        # a fresh process, so that no candidate's code shares a process with another's grading
        reuse = options.isolation != "none"
        session = run_graders(root, graders, flags, threads=options.threads, reuse=reuse)
        # pytest's 0 and 1 are a finished session; anything else (2: interrupted) left it part-graded,
        # and a part-graded candidate must not be written as if complete
        if session.returncode not in (0, 1) or not session.records:
            tail = "\n".join(session.output.strip().splitlines()[-15:])
            exit_code = session.returncode
            raise GradingFailed(f"grading {submission.name!r} did not finish (pytest exit {exit_code}):\n{tail}")
        records = session.records
        if refusal is not None:
            records = [replace(r, message=f"{NOT_SUBMITTED}: {refusal}") for r in records]
        document = results_document(records, seed=options.seed, implementation=submission.name)
        document.update(
            refused=refusal,
            notes=notes,
            submission={"kind": submission.kind, **submission_fingerprint(unpacked)},
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
    if not isinstance(document, dict) or not isinstance(document.get("submission"), dict):
        return None
    with tempfile.TemporaryDirectory(prefix="mlkata-check-") as scratch:
        try:
            current = submission_fingerprint(unpack(submission, Path(scratch, "tree")))
        except Refused:
            current = submission_fingerprint(None)
    recorded = {key: document["submission"].get(key) for key in current}
    # the name as results.json holds it: a folder may pass to another candidate when the cohort changes
    same = document.get("seed") == options.seed and document.get("candidate") == safe_text(submission.name)
    return document if same and recorded == current else None


def write_candidate(folder: Path, document: dict, formats: tuple[str, ...]) -> None:
    """The candidate's files; results.json last, so that its presence means the rest are there."""
    if "junit" in formats:
        write_text_atomically(folder / "junit.xml", reports.junit_xml(document))
    if "gradescope" in formats:
        write_json_atomically(folder / "gradescope.json", reports.gradescope_results(document))
    if "html" in formats:
        write_text_atomically(folder / "report.html", reports.candidate_html(document))
    write_json_atomically(folder / "results.json", document)


def write_cohort(
    out: Path,
    documents: list[dict],
    formats: tuple[str, ...],
    *,
    submissions: dict[str, Submission] | None = None,
    exercises: list[layout.Exercise] | None = None,
) -> None:
    """The cohort's files: the gradebook, the overview, and in cohort.json the item analysis and the pairs
    of similar answers. ``submissions`` (by candidate folder) are read again for the text of their answers
    to ``exercises``; a candidate without one, or refused, is compared with no one."""
    submissions, exercises = submissions or {}, exercises or []
    names = {d["folder"]: d.get("candidate") or d["implementation"] for d in documents if d.get("folder")}
    refused = {d.get("folder") for d in documents if d.get("refused")}
    readable = [folder for folder in names if folder in submissions and folder not in refused]
    answers = {folder: similarity.read_answers(submissions[folder], exercises) for folder in readable}
    stubs = {e.id: e.stub.read_text(encoding="utf-8") for e in exercises if e.stub.is_file()}
    similar = [match.to_json(names) for match in similarity.similar_pairs(answers, stubs)]
    try:
        cohort = json.loads((out / COHORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cohort = None
    seed = documents[0].get("seed") if documents else None
    cohort = {"schema": 1, "seed": seed, **(cohort if isinstance(cohort, dict) else {})}
    write_json_atomically(out / COHORT_FILE, {**cohort, "items": analysis.item_analysis(documents), "similar": similar})
    if "csv" in formats:
        write_text_atomically(out / GRADEBOOK_FILE, reports.gradebook_csv(documents))
    if "html" in formats:
        write_text_atomically(out / OVERVIEW_FILE, reports.cohort_html(documents, similar=similar, answers=answers))


def grade_cohort(
    root: Path,
    submissions: list[Submission],
    out: Path,
    options: GradingOptions,
    *,
    jobs: int = 1,
    exercises: list[layout.Exercise] | None = None,
    progress: Callable[[str], None] | None = None,
    scheduler: str | None = None,
) -> list[dict]:
    """Grade every submission into ``out``; return their documents in submission order. With ``scheduler``
    (a Dask scheduler's address) the candidates are graded on that cluster's workers instead (cluster.py)."""
    exercises = exercises if exercises is not None else layout.discover(root)
    out.mkdir(parents=True, exist_ok=True)
    threads = max(1, (os.cpu_count() or 1) // jobs)
    options = replace(options, cache=options.cache or out.resolve() / CACHE_FOLDER, threads=options.threads or threads)
    write_json_atomically(out / COHORT_FILE, {"schema": 1, "seed": options.seed})
    # the candidate's process must see neither the submissions nor the results
    hide = sorted({s.source.resolve().parent for s in submissions} | {out.resolve()})
    folders = candidate_folders(submissions)
    documents: dict[str, dict] = {}  # by folder
    todo = []
    for submission, folder in zip(submissions, folders, strict=True):
        stored = _up_to_date(out / folder, submission, options)
        if stored is not None:
            documents[folder] = stored
        else:
            todo.append((submission, folder))
    done = len(documents)
    report = progress or (lambda line: None)
    if done:
        report(f"{done} candidate(s) already graded with seed {options.seed}: skipped (--force re-grades them)")
    started = time.perf_counter()
    failures: list[str] = []
    if scheduler is None:
        pool = ThreadPoolExecutor(max_workers=jobs)
    else:
        from mlkata.cluster import ClusterExecutor

        pool = ClusterExecutor(scheduler, root)
    futures = {pool.submit(grade_one, root, s, exercises, options, hide=hide): f for s, f in todo}
    try:
        for future in as_completed(futures):
            folder = futures[future]
            done += 1
            bar = "#" * round(20 * done / len(submissions))
            elapsed = time.perf_counter() - started
            try:
                document = future.result()
            except GradingFailed as failure:
                failures.append(str(failure))
                report(f"[{bar:<20}] {done}/{len(submissions)} {folder}: NOT GRADED ({failure})")
                continue
            document["folder"] = folder
            write_candidate(out / folder, document, options.formats)
            documents[folder] = document
            earned, possible = reports.totals(document)
            report(f"[{bar:<20}] {done}/{len(submissions)} {folder}: {earned:g}/{possible:g} ({elapsed:.0f}s)")
    except KeyboardInterrupt:
        # what is written stays; the candidates in flight are stopped now, not waited for, and graded by a re-run
        pool.shutdown(wait=False, cancel_futures=True)
        stop_all()
        raise
    finally:
        close_hosts()
    pool.shutdown()
    ordered = [documents[f] for f in folders if f in documents]
    by_folder = dict(zip(folders, submissions, strict=True))
    write_cohort(out, ordered, options.formats, submissions=by_folder, exercises=exercises)
    if failures:
        raise GradingFailed(f"{len(failures)} submission(s) could not be graded; run again to retry them")
    return ordered


def print_progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
