"""``mlkata gradescope``: a Gradescope autograder that grades with the kit.

The zip holds Gradescope's two scripts and the kit::

    setup.sh                 run once when Gradescope builds the image: a venv with the kit installed
    run_autograder           run per submission: ``python -m mlkata.gradescope /autograder``
    mlkata-autograder.json   the exercises graded, the time and memory limits, the isolation
    kit/                     the engine, graders, solutions and data generators (no mutants, no hints)

Per submission, ``run_autograder`` finds each exercise's file in /autograder/submission, lays the
files out as a folder mirroring exercises/, grades it as ``mlkata grade`` does (a fresh seed, the
candidate's code fenced in a worker) and writes /autograder/results/results.json. A file is found
at ``exercises/<topic>/<name>.py`` (a student's release repository), ``<topic>/<name>.py``, or
``<name>.py`` anywhere (files uploaded one by one); zips in the submission are searched too.
``MLKATA_AUTOGRADER_ROOT`` replaces /autograder (for testing), ``MLKATA_AUTOGRADER_PYTHON`` the
venv's Python.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from mlkata import layout, reports
from mlkata.isolation import add_isolation_arguments
from mlkata.results import write_json_atomically
from mlkata.seeds import random_grading_seed

CONFIG_FILE = "mlkata-autograder.json"
KIT_DIR = "kit"
# what the autograder's kit holds: the engine and what grading reads; never mutants, hints or caches
_KIT_PARTS = ("pyproject.toml", "README.md", "LICENSE", "src", "data", layout.GRADERS_DIR, layout.SOLUTIONS_DIR)

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, while it builds the autograder's image (pick an Ubuntu 24.04 base image:
# its Python is 3.12). Everything grading needs is installed here; nothing is installed at grading time.
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip util-linux bubblewrap > /dev/null
python3 -m venv /autograder/venv
/autograder/venv/bin/python -m pip install --quiet /autograder/source/kit
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this once per submission: grade /autograder/submission, write results/results.json.
set -euo pipefail
root="${MLKATA_AUTOGRADER_ROOT:-/autograder}"
exec "${MLKATA_AUTOGRADER_PYTHON:-/autograder/venv/bin/python}" -m mlkata.gradescope "$root"
"""


class AutograderError(ValueError):
    """The autograder cannot be built or run as asked; the message says what to change."""


def build_autograder(
    root: Path, out: Path, exercises: list[layout.Exercise], *, timeout: float, memory_mb: int, isolation: str
) -> None:
    """Write the autograder zip for ``exercises`` of the kit at ``root``."""
    if out.suffix != ".zip":
        raise AutograderError(f"{out} should end in .zip (Gradescope takes the autograder as a zip)")
    if not (root / "src" / "mlkata").is_dir() or not (root / "pyproject.toml").is_file():
        raise AutograderError(f"{root} holds no src/mlkata and pyproject.toml: build the autograder from the kit")
    config = {
        "exercises": [e.id for e in exercises],
        "timeout": timeout,
        "memory_mb": memory_mb,
        "isolation": isolation,
    }
    with tempfile.TemporaryDirectory(prefix="mlkata-autograder-") as scratch:
        staging = Path(scratch)
        layout.copy_kit_parts(root, staging / KIT_DIR, _KIT_PARTS)
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_suffix(".zip.tmp")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
                info = zipfile.ZipInfo(name)
                info.external_attr = 0o100755 << 16  # executable: Gradescope runs both directly
                info.compress_type = zipfile.ZIP_DEFLATED
                bundle.writestr(info, text)
            bundle.writestr(CONFIG_FILE, json.dumps(config, indent=2) + "\n")
            for path in sorted(p for p in (staging / KIT_DIR).rglob("*") if p.is_file()):
                bundle.write(path, path.relative_to(staging).as_posix())
        partial.replace(out)


def _candidates(folder: Path, exercise: layout.Exercise) -> list[Path]:
    """Where ``exercise``'s file may be in ``folder``, best first."""
    exact = [folder / layout.EXERCISES_DIR / exercise.relative_module, folder / exercise.relative_module]
    anywhere = sorted(folder.rglob(f"{exercise.name}.py"), key=lambda p: (len(p.parts), str(p)))
    return [p for p in dict.fromkeys([*exact, *anywhere]) if p.is_file() and not p.is_symlink()]


def collect_submission(submission: Path, exercises: list[layout.Exercise], tree: Path) -> list[str]:
    """Copy each exercise's file found in ``submission`` to ``tree``/<topic>/<name>.py; return what
    was found where, and what could not be read, as lines for the student."""
    from mlkata.submissions import Refused, Submission, materialise

    tree.mkdir(parents=True)
    folders = [submission]
    notes = []
    for index, archive in enumerate(sorted(submission.rglob("*.zip"))):
        try:
            folders.append(materialise(Submission(archive.stem, archive), tree.parent / f"unzipped-{index}"))
        except Refused as error:
            notes.append(f"{archive.relative_to(submission)} was not read: {error}")
    for exercise in exercises:
        found = next((p for folder in folders for p in _candidates(folder, exercise)), None)
        if found is None:
            notes.append(f"{exercise.id}: no {exercise.name}.py in the submission (not attempted)")
            continue
        destination = tree / exercise.relative_module
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(found, destination)
        shown = found.relative_to(submission) if found.is_relative_to(submission) else found.name
        notes.append(f"{exercise.id}: graded {shown}")
    return notes


def run_autograder(autograder: Path) -> int:
    """Grade ``autograder``/submission as configured in ``autograder``/source; write results/results.json."""
    from mlkata.cohort import GradingFailed, GradingOptions, grade_one
    from mlkata.submissions import Submission

    source = autograder / "source"
    config = json.loads((source / CONFIG_FILE).read_text(encoding="utf-8"))
    kit = source / KIT_DIR
    exercises = layout.select(layout.discover(kit), config["exercises"])
    options = GradingOptions(
        seed=random_grading_seed(),
        isolation=config["isolation"],
        timeout=config["timeout"],
        memory_mb=config["memory_mb"],
    )
    if options.isolation == "process":
        from mlkata.sandbox import SandboxUnavailable, check_available

        try:
            check_available()
        except SandboxUnavailable as error:  # no silent fallback to grading candidate code unfenced
            print(f"mlkata autograder: {error}", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory(prefix="mlkata-gradescope-") as scratch:
        tree = Path(scratch, "tree")
        notes = collect_submission(autograder / "submission", exercises, tree)
        try:
            document = grade_one(kit, Submission("submission", tree), exercises, options, hide=[autograder])
        except GradingFailed as failure:
            # no results.json: Gradescope shows the run as failed to the instructor, not as a zero
            print(f"mlkata autograder: {failure}", file=sys.stderr)
            return 1
    results = reports.gradescope_results(document)
    results["output"] = "\n".join([results["output"], "", *notes])
    write_json_atomically(autograder / "results" / "results.json", results)
    print("\n".join(notes))
    return 0


def cmd_gradescope(args: argparse.Namespace) -> int:
    root = layout.find_kit_root(args.root)
    exercises = layout.select(layout.discover(root), args.exercises)
    try:
        build_autograder(
            root, args.out, exercises, timeout=args.timeout, memory_mb=args.memory, isolation=args.isolation
        )
    except AutograderError as error:
        print(f"mlkata gradescope: {error}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}: a Gradescope autograder for {len(exercises)} exercise(s)")
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``mlkata gradescope`` on the ``mlkata`` command's subparsers."""
    parser = commands.add_parser(
        "gradescope",
        help="write a Gradescope autograder zip (setup.sh, run_autograder, the kit) that grades with mlkata",
        description=__doc__.split("\n\n")[0],
        epilog="examples:\n  mlkata gradescope week1.zip --exercises evaluation\n"
        "  mlkata gradescope takehome.zip --exercises trees/best_split --timeout 120",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", type=Path, metavar="OUT.zip", help="the autograder zip to write")
    parser.add_argument("--exercises", nargs="+", metavar="ID", help="exercise ids, names or topics (default: all)")
    add_isolation_arguments(parser)
    parser.set_defaults(run=cmd_gradescope)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m mlkata.gradescope AUTOGRADER_ROOT (Gradescope's run_autograder calls this)")
    sys.exit(run_autograder(Path(sys.argv[1])))
