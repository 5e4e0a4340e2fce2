"""What grading a submission costs, with and without isolation, against the floor; every figure from one run.

    python benchmarks/isolation.py [--repeat 3] [--cohort 4]

The submission is the reference solutions, copied to a scratch folder. Prints:
- the floor: a fresh Python process that imports the libraries and calls the same functions on
  the same inputs that grading passes them (recorded from an in-process grading), with no grading
  machinery at all;
- `mlkata grade --isolation none` (in-process) and `--isolation process` (the bubblewrap sandbox), each
  as a ratio to the floor and to each other; in-process again with `--out`, whose cache
  (OUT/.mlkata-cache) an earlier run with the same seed has filled: the graders' shared work done;
- cohort throughput: `--cohort` copies of the submission at --jobs 1 and 2 (each from a cold cache),
  and what the second job adds.
"""

from __future__ import annotations

import argparse
import contextlib
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grading import ROOT, timed

SEED = 123456789
IMPORTS = "import numpy, pandas, sklearn.metrics, scipy.stats"


def record(submission: Path, calls_file: Path) -> None:
    """Grade ``submission`` in this process, keeping every call made to it (not to the reference)."""
    import pytest

    from mlkata import runner

    calls = []
    original = runner.Implementation.call

    def recording(self, name, *args, **kwargs):
        if self.target.root == submission:
            calls.append((str(self.path), name, *pickle.loads(pickle.dumps((args, kwargs)))))
        return original(self, name, *args, **kwargs)

    runner.Implementation.call = recording
    options = [f"--mlkata-impl={submission}", f"--mlkata-seed={SEED}", "-q", "-p", "no:cacheprovider", "-W", "ignore"]
    pytest.main(["graders", *options])
    calls_file.write_bytes(pickle.dumps(calls))


def replay(calls_file: Path) -> None:
    """Import the modules and make the recorded calls: the floor."""
    exec(IMPORTS)
    from mlkata.runner import load_module

    for path, name, args, kwargs in pickle.loads(calls_file.read_bytes()):
        function = getattr(load_module([Path(path)]), name)
        with contextlib.suppress(Exception):  # graders call some functions to see them raise
            function(*args, **kwargs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is kept (default: 3)")
    parser.add_argument("--cohort", type=int, default=20, help="submissions in the cohort figures (default: 20)")
    parser.add_argument("--record", nargs=2, type=Path, metavar=("SUBMISSION", "CALLS"), help=argparse.SUPPRESS)
    parser.add_argument("--replay", type=Path, metavar="CALLS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.record:
        return record(*args.record)
    if args.replay:
        return replay(args.replay)

    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="mlkata-bench-") as scratch:
        submission = Path(scratch, "reference")
        shutil.copytree(ROOT / "solutions", submission)
        calls = Path(scratch, "calls.pickle")
        subprocess.run([python, __file__, "--record", str(submission), str(calls)], cwd=ROOT, capture_output=True)
        n_calls = len(pickle.loads(calls.read_bytes()))

        floor = timed([python, __file__, "--replay", str(calls)], repeat=args.repeat)
        grade = [python, "-m", "mlkata", "grade", str(submission), f"--seed={SEED}"]
        in_process = timed([*grade, "--isolation", "none"], repeat=args.repeat)
        warm = [*grade, "--isolation", "none", f"--out={Path(scratch, 'single')}", "--force"]
        timed(warm, repeat=1)  # fills the cache
        in_process_warm = timed(warm, repeat=args.repeat)
        isolated = timed([*grade, "--isolation", "process"], repeat=args.repeat)

        cohort = Path(scratch, "cohort")
        for i in range(args.cohort):
            shutil.copytree(ROOT / "solutions", cohort / f"candidate{i:02d}")
        cohort_seconds = {}
        for jobs in (1, 2):
            out = Path(scratch, f"out{jobs}")
            command = [python, "-m", "mlkata", "grade", str(cohort), f"--jobs={jobs}", f"--out={out}", f"--seed={SEED}"]
            cohort_seconds[jobs] = timed([*command, "--force"], repeat=1)

    print(f"one complete submission (the reference solutions), {n_calls} calls; best of {args.repeat} runs")
    print(f"{'floor (import, then the same calls on the same inputs)':<52}{floor:7.2f}s")
    print(f"{'mlkata grade --isolation none':<52}{in_process:7.2f}s   {in_process / floor:5.2f}x the floor")
    label = "mlkata grade --isolation none, warm cache in --out"
    print(f"{label:<52}{in_process_warm:7.2f}s   {in_process_warm / floor:5.2f}x the floor")
    print(
        f"{'mlkata grade --isolation process':<52}{isolated:7.2f}s   {isolated / floor:5.2f}x the floor, "
        f"{isolated / in_process:5.2f}x in-process"
    )
    for jobs, seconds in cohort_seconds.items():
        label = f"cohort of {args.cohort}, isolated, --jobs {jobs}"
        print(f"{label:<52}{seconds:7.2f}s   {args.cohort / seconds * 60:5.1f} candidates a minute")
    speed_up = cohort_seconds[1] / cohort_seconds[2]
    print(f"{'the second job speeds a cohort up':<52}{speed_up:7.2f}x   (it adds {speed_up - 1:.0%} of a job)")


if __name__ == "__main__":
    main()
