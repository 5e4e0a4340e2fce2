"""What a cluster of graders needs: seconds per candidate per core, measured here, and the workers for a target.

    python benchmarks/cluster.py [--candidates 4] [--exercises evaluation] [--isolation process]

Builds a cohort of N copies of the reference solutions (every candidate earns full marks, so every
grader runs to the end), then grades it three ways, in this one run:
- ``mlkata grade --jobs 1`` and ``--jobs 2`` on this machine;
- ``mlkata grade --scheduler`` on a ``LocalCluster`` of two single-threaded worker processes, started
  here (workers find the kit through MLKATA_KIT, as remote ones would).

Every way occupies the whole machine, so a run's core-seconds per candidate are its wall time times
this machine's cores, over N. The cluster's figure is the one a worker of one thread on one core
pays for a candidate (the client's unpacking and shipping included), and gives the workers needed to
grade ``--target`` candidates in ``--hours``. Needs the cluster extra: pip install "mlkata[cluster]".
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mlkata import layout  # noqa: E402 - the engine is found from the checkout, installed or not
from mlkata.cluster import KIT_VARIABLE, load_distributed  # noqa: E402

KIT_PARTS = ("pyproject.toml", "exercises", "solutions", "graders", "data")  # what grading reads of the kit


def make_cohort(folder: Path, candidates: int, exercises: list[layout.Exercise]) -> None:
    """``candidates`` folders, each holding the reference solution of every exercise in ``exercises``."""
    for index in range(candidates):
        for exercise in exercises:
            target = folder / f"candidate{index:03d}" / exercise.relative_module
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(exercise.solution, target)


def grade(kit: Path, cohort: Path, out: Path, arguments: list[str], common: list[str]) -> float:
    """Wall-clock seconds of one ``mlkata grade`` of ``cohort`` into ``out`` (a fresh folder: nothing resumed)."""
    command = [sys.executable, "-m", "mlkata", "--root", str(kit), "grade", str(cohort), "--out", str(out)]
    start = time.perf_counter()
    completed = subprocess.run([*command, *arguments, *common], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(
            f"mlkata grade {' '.join(arguments)} exited {completed.returncode}:\n{completed.stderr[-2000:]}"
        )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=4, help="reference submissions in the cohort (default: 4)")
    parser.add_argument("--exercises", nargs="+", metavar="ID", help="exercise ids, names or topics (default: all)")
    parser.add_argument("--isolation", default="process", help="as mlkata grade's (default: process, the sandbox)")
    parser.add_argument("--seed", type=int, default=1, help="grading seed (default: 1)")
    parser.add_argument("--target", type=int, default=10_000, help="candidates to grade (default: 10000)")
    parser.add_argument("--hours", type=float, default=1.0, help="in this many hours (default: 1)")
    args = parser.parse_args()
    distributed = load_distributed()
    cores = os.cpu_count() or 1
    common = ["--isolation", args.isolation, "--seed", str(args.seed)]
    if args.exercises:
        common += ["--exercises", *args.exercises]

    with tempfile.TemporaryDirectory(prefix="mlkata-cluster-benchmark-") as scratch:
        kit = Path(scratch, "kit")  # a snapshot: the checkout may change while the three runs take their turns
        kit.mkdir()
        for part in KIT_PARTS:
            copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copyfile
            copy(ROOT / part, kit / part)
        exercises = layout.select(layout.discover(kit), args.exercises)
        cohort = Path(scratch, "cohort")
        make_cohort(cohort, args.candidates, exercises)
        timings = {
            "--jobs 1": grade(kit, cohort, Path(scratch, "jobs1"), ["--jobs", "1"], common),
            "--jobs 2": grade(kit, cohort, Path(scratch, "jobs2"), ["--jobs", "2"], common),
        }
        with distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0", env={KIT_VARIABLE: str(kit)}
        ) as cluster:
            on_cluster = ["--scheduler", cluster.scheduler_address]
            timings["--scheduler (2 workers)"] = grade(kit, cohort, Path(scratch, "cluster"), on_cluster, common)

    print(f"{args.candidates} candidates x {len(exercises)} exercises, isolation {args.isolation}, {cores} cores")
    print(f"{'run':<26}{'wall':>9}{'candidates/h':>14}{'core-s/candidate':>18}")
    for run, seconds in timings.items():
        per_candidate = seconds * cores / args.candidates
        print(f"{run:<26}{seconds:8.1f}s{3600 * args.candidates / seconds:14.0f}{per_candidate:17.1f}s")
    per_worker = timings["--scheduler (2 workers)"] * cores / args.candidates
    workers = math.ceil(args.target * per_worker / (3600 * args.hours))
    print(
        f"{args.target} candidates in {args.hours:g} h at {per_worker:.1f} core-seconds each: "
        f"{workers} single-threaded workers (one core each)"
    )


if __name__ == "__main__":
    main()
