"""Do the graders that judge speed stay fair on a busy machine? Every figure from one run.

    python benchmarks/timing_under_load.py [--seeds 10] [--busy 4]

The exercises whose graders call ``expect_fast`` are audited (every reference, alternative and
mutant, in-process) twice: on the machine as it is, and while ``--busy`` processes spin on its
cores. Then a submission made of each timed exercise's correct alternatives is graded in the
sandbox under the same load. Prints, for each run, its time and whether every grader stayed valid
(no correct answer lost a point, every quadratic mutant was still rejected); exits 1 if any did not.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 987654321


def timed_exercises() -> list[str]:
    """The exercises whose graders time the candidate."""
    return sorted(
        f"{grader.parent.name}/{grader.stem.removeprefix('test_')}"
        for grader in (ROOT / "graders").glob("*/test_*.py")
        if re.search(r"\bexpect_fast\(", grader.read_text(encoding="utf-8"))
    )


@contextlib.contextmanager
def busy(processes: int):
    """``processes`` interpreters spinning on the machine's cores for the length of the block."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def audit(exercises: list[str], seeds: int) -> tuple[float, list[str]]:
    """Seconds taken and the violations found by ``mlkata audit`` of ``exercises``."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch, "audit.json")
        command = [sys.executable, "-m", "mlkata", "--root", str(ROOT), "audit", *exercises, "--seeds", str(seeds)]
        started = time.perf_counter()
        subprocess.run([*command, "--json", str(report)], capture_output=True, check=False, cwd=ROOT)
        seconds = time.perf_counter() - started
        document = json.loads(report.read_text())
    return seconds, [v for e in document["exercises"] for v in e["violations"]]


def grade_alternatives(exercises: list[str]) -> tuple[float, list[str]]:
    """Seconds taken and the lost points of a submission made of each exercise's first alternative, sandboxed."""
    with tempfile.TemporaryDirectory() as scratch:
        submission = Path(scratch, "alternatives")
        for exercise in exercises:
            alternative = sorted((ROOT / "alternatives" / exercise).glob("*.py"))[0]
            (submission / exercise).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(alternative, (submission / exercise).with_suffix(".py"))
        report = Path(scratch, "results.json")
        command = [sys.executable, "-m", "mlkata", "--root", str(ROOT), "grade", str(submission), "--seed", str(SEED)]
        command += ["--exercises", *exercises, "--json", str(report)]
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, cwd=ROOT)
        seconds = time.perf_counter() - started
        document = json.loads(report.read_text())
    tests = [t for e in document["exercises"] for t in e["tests"]]
    return seconds, [f"{t['exercise']}::{t['test']}: {t['message'][:120]}" for t in tests if t["outcome"] != "passed"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="seeds per audit (default: 10)")
    parser.add_argument("--busy", type=int, default=4, help="spinning processes for the loaded runs (default: 4)")
    args = parser.parse_args()
    exercises = timed_exercises()
    print(f"timed exercises: {', '.join(exercises)}; {args.seeds} seeds; load: {args.busy} spinning processes")
    quiet_seconds, quiet = audit(exercises, args.seeds)
    with busy(args.busy):
        loaded_seconds, loaded = audit(exercises, args.seeds)
        graded_seconds, lost = grade_alternatives(exercises)
    rows = [
        ("audit, machine as it is", quiet_seconds, quiet),
        (f"audit, {args.busy} busy processes", loaded_seconds, loaded),
        (f"alternatives graded in the sandbox, {args.busy} busy", graded_seconds, lost),
    ]
    for label, seconds, problems in rows:
        verdict = "all valid" if not problems else f"{len(problems)} problem(s)"
        print(f"{label:<50} {seconds:7.1f}s  {verdict}")
        for problem in problems:
            print(f"    {problem}")
    print(f"the load made the audit {loaded_seconds / quiet_seconds:.2f}x slower in wall time")
    return 1 if quiet or loaded or lost else 0


if __name__ == "__main__":
    sys.exit(main())
