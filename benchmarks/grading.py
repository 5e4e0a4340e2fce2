"""How long grading takes, and where the time goes; every figure measured in this one run.

    python benchmarks/grading.py [--seeds 5] [--repeat 3]

Prints, for the kit as it stands:
- the floor: a Python process importing what every grading session imports (numpy, pandas,
  scikit-learn, pytest and the engine);
- one self-grading session over all solutions (`pytest solutions`), as a learner would run it,
  and its ratio to the floor;
- the audit with one and with two jobs, and the speed-up the second core buys;
- per exercise, the audit's cost (one exercise, one job).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mlkata import layout  # noqa: E402 - the engine is found from the checkout, installed or not

IMPORTS = "import numpy, pandas, sklearn.metrics, scipy.stats, pytest, mlkata.plugin"


def timed(command: list[str], *, repeat: int) -> float:
    """Best wall-clock time of ``command`` over ``repeat`` runs (the least disturbed one)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        best = min(best, time.perf_counter() - start)
        # 0 and 1 (tests failed, audit violations) are finished runs; anything else timed a crash
        if completed.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} exited {completed.returncode}:\n{completed.stderr[-2000:]}")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="seeds per audit run (default: 5)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is kept (default: 3)")
    args = parser.parse_args()
    python = sys.executable
    exercises = layout.discover(ROOT)

    floor = timed([python, "-c", IMPORTS], repeat=args.repeat)
    session = timed(
        [python, "-m", "pytest", "solutions", "-q", "-p", "no:cacheprovider", "--mlkata-seed=1"], repeat=args.repeat
    )
    audit = [python, "-m", "mlkata", "audit", "--seeds", str(args.seeds)]
    one_job = timed([*audit, "--jobs", "1"], repeat=1)
    two_jobs = timed([*audit, "--jobs", "2"], repeat=1)

    print(f"{len(exercises)} exercises; audit figures over {args.seeds} seeds; best of {args.repeat} runs otherwise")
    print(f"floor (interpreter + imports)             {floor:7.2f}s")
    print(f"pytest solutions (self-grade everything)  {session:7.2f}s   {session / floor:5.1f}x the floor")
    print(f"audit, 1 job                              {one_job:7.2f}s")
    print(f"audit, 2 jobs                             {two_jobs:7.2f}s   {one_job / two_jobs:5.2f}x faster than 1 job")
    print("\nper exercise (audit, 1 job, including a session start-up each):")
    for exercise in exercises:
        seconds = timed([*audit, "--jobs", "1", exercise.id], repeat=1)
        print(f"  {exercise.id:<40}{seconds:7.2f}s   {seconds / floor:5.1f}x the floor")


if __name__ == "__main__":
    main()
