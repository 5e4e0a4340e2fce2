"""What the mutation audit costs, and what it finds; every figure measured in this one run.

    python benchmarks/mutation.py [EXERCISE ...] [--seeds 2] [--mutate-seeds 2] [--jobs 2]

Prints, for the exercises given (default: all):
- generating the mutants and degenerate answers alone (parsing and rewriting, no grading);
- `mlkata audit` without and with `--mutate` on the same seeds and jobs, and the ratio: what the
  mutation audit adds to the audit the kit already runs;
- per exercise and per topic, the mutants generated, killed, recorded as equivalent and surviving,
  and the best score of a degenerate answer.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mlkata import layout  # noqa: E402 - the engine is found from the checkout, installed or not
from mlkata.mutation import degenerate_answers, generate_mutants  # noqa: E402

COUNTS = ("generated", "killed", "equivalent", "surviving")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    # 0 and 1 (audit violations) are finished runs; anything else timed a crash
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {completed.returncode}:\n{completed.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercises", nargs="*", help="exercise ids, names or topics (default: all)")
    parser.add_argument("--seeds", type=int, default=2, help="seeds of the audit itself (default: 2)")
    parser.add_argument("--mutate-seeds", type=int, default=2, help="seeds of the mutation audit (default: 2)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel grading processes (default: 2)")
    args = parser.parse_args()
    exercises = layout.select(layout.discover(ROOT), args.exercises)

    start = time.perf_counter()
    generated = sum(len(generate_mutants(e.solution.read_text(encoding="utf-8"))) for e in exercises)
    degenerate = sum(len(degenerate_answers(e.solution.read_text(encoding="utf-8"))) for e in exercises)
    generating = time.perf_counter() - start

    audit = [sys.executable, "-m", "mlkata", "audit", *args.exercises, "--seeds", str(args.seeds)]
    audit += ["--jobs", str(args.jobs)]
    plain = timed(audit)
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch, "audit.json")
        mutating = timed([*audit, "--mutate", "--mutate-seeds", str(args.mutate_seeds), "--json", str(report)])
        document = json.loads(report.read_text())

    print(
        f"{len(exercises)} exercises, {args.seeds} audit seed(s), {args.mutate_seeds} mutation seed(s), "
        f"{args.jobs} job(s); one run of each"
    )
    print(f"generating {generated} mutants and {degenerate} degenerate answers   {generating:7.2f}s")
    print(f"audit                                            {plain:7.2f}s")
    print(f"audit --mutate                                   {mutating:7.2f}s   {mutating / plain:5.1f}x the audit")
    print(f"  the mutation audit's share                     {mutating - plain:7.2f}s")

    print(f"\n{'exercise':<40}{'generated':>10}{'killed':>8}{'equiv.':>8}{'surv.':>7}   degenerate, best")
    topics: dict[str, Counter] = {}
    for exercise in document["exercises"]:
        mutation = exercise["mutation"] or {}
        counts = Counter({key: mutation.get(key, 0) for key in COUNTS})
        topics.setdefault(exercise["id"].split("/")[0], Counter()).update(counts)
        scores = [
            (max(answer["scores"].values(), default=0.0), name)
            for name, answer in mutation.get("degenerate", {}).items()
        ]
        best = max(scores, default=(0.0, "-"))
        print(
            f"{exercise['id']:<40}"
            + "".join(f"{counts[key]:>{width}}" for key, width in zip(COUNTS, (10, 8, 8, 7), strict=True))
            + f"   {best[0]:g}/{exercise['points']:g} ({best[1]})"
        )
    print(f"\n{'topic':<40}{'generated':>10}{'killed':>8}{'equiv.':>8}{'surv.':>7}")
    for topic, counts in [*topics.items(), ("all", sum(topics.values(), Counter()))]:
        print(f"{topic:<40}" + "".join(f"{counts[k]:>{w}}" for k, w in zip(COUNTS, (10, 8, 8, 7), strict=True)))


if __name__ == "__main__":
    main()
