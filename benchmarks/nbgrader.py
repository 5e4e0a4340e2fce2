"""The same submissions graded by nbgrader (autograde, then export) and by `mlkata grade`, in one run.

    .tox/nbgrader/bin/python benchmarks/nbgrader.py [--students 4] [--exercises ID ...]

(nbgrader and ipykernel must be installed: `tox run -e nbgrader --notest` makes that environment.)
Every student submits the reference answers: as notebooks, filled into the student version that
`nbgrader generate_assignment` released, for nbgrader; as a folder mirroring exercises/ for
`mlkata grade` (one job, candidate code in the bubblewrap sandbox, as for a cohort). Both grade with the
same seed; the script checks they agree on every total, then prints both times and their ratio.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mlkata import layout  # noqa: E402 - the engine is found from the checkout, installed or not
from mlkata.notebooks import answer_notebook  # noqa: E402

ASSIGNMENT = "bench"
SEED = 7
DEFAULT_EXERCISES = ["evaluation/alert_threshold", "evaluation/drift_report", "evaluation/ranking_metrics"]


def run(command: list, cwd: Path) -> float:
    """Run ``command``; its wall-clock time. Exits on failure (a timed crash is no figure)."""
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    start = time.perf_counter()
    completed = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} exited {completed.returncode}:\n{completed.stderr[-3000:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=4, help="submissions in the cohort (default: 4)")
    parser.add_argument("--exercises", nargs="+", default=DEFAULT_EXERCISES, metavar="ID", help="exercises graded")
    args = parser.parse_args()
    if args.students < 1:
        parser.error(f"--students must be at least 1, got {args.students}")
    exercises = layout.select(layout.discover(ROOT), args.exercises)
    mlkata = [sys.executable, "-m", "mlkata", "--root", str(ROOT)]
    with tempfile.TemporaryDirectory(prefix="mlkata-bench-") as scratch:
        course, cohort = Path(scratch, "course"), Path(scratch, "cohort")
        ids = [e.id for e in exercises]
        run([*mlkata, "nbgrader", course, "--assignment", ASSIGNMENT, "--exercises", *ids, "--seed", SEED], scratch)
        run([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT], course)
        for index in range(args.students):
            student = f"student{index:03d}"
            notebooks = course / "submitted" / student / ASSIGNMENT
            notebooks.mkdir(parents=True)
            for exercise in exercises:
                released = json.loads((course / "release" / ASSIGNMENT / f"{exercise.name}.ipynb").read_text())
                source = json.loads((course / "source" / ASSIGNMENT / f"{exercise.name}.ipynb").read_text())
                (notebooks / f"{exercise.name}.ipynb").write_text(json.dumps(answer_notebook(released, source)))
                tree = cohort / student / exercise.topic
                tree.mkdir(parents=True, exist_ok=True)
                (tree / f"{exercise.name}.py").write_text(exercise.solution.read_text())

        nbgrader = run([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--create"], course)
        nbgrader += run([sys.executable, "-m", "nbgrader", "export"], course)
        grades = Path(scratch, "grades")
        command = [*mlkata, "grade", cohort, "--out", grades, "--seed", SEED, "--jobs", "1", "--format", "json", "csv"]
        command += ["--exercises", *ids]  # nbgrader's assignment holds these alone
        ours = run(command, scratch)

        with open(course / "grades.csv", newline="") as handle:
            by_nbgrader = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}
        with open(grades / "gradebook.csv", newline="") as handle:
            by_mlkata = {row["candidate"]: float(row["total"]) for row in csv.DictReader(handle)}
        if by_nbgrader != by_mlkata:
            raise SystemExit(f"the two disagree: nbgrader {by_nbgrader}, mlkata {by_mlkata}")

    total = next(iter(by_mlkata.values()))
    print(
        f"{args.students} students x {len(exercises)} exercises ({', '.join(ids)}), {total:g} points each, seed {SEED}"
    )
    print(f"nbgrader autograde + export      {nbgrader:7.1f}s  ({nbgrader / args.students:5.1f}s a student)")
    print(f"mlkata grade (isolated, 1 job)   {ours:7.1f}s  ({ours / args.students:5.1f}s a student)")
    print(f"ratio nbgrader / mlkata          {nbgrader / ours:7.2f}")


if __name__ == "__main__":
    main()
