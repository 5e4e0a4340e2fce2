"""`mlkata gradescope` on the real kit: the zip's run_autograder, run against a temporary folder laid out
as Gradescope's /autograder, grades a submission and writes results/results.json."""

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.processes import needs_sandbox

from .conftest import REPO

pytestmark = [pytest.mark.slow, needs_sandbox]

EXERCISE = "evaluation/alert_threshold"
SOLUTION = REPO / "solutions" / f"{EXERCISE}.py"
MUTANT = REPO / "mutants" / EXERCISE / "fixed_half.py"


def mlkata(*args, cwd: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mlkata", "--root", str(REPO), *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def autograder_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gradescope") / "autograder.zip"
    result = mlkata("gradescope", str(out), "--exercises", EXERCISE, "--timeout", "30", cwd=out.parent)
    assert result.returncode == 0, result.stderr
    return out


def unpack_like_gradescope(bundle: Path, root: Path) -> Path:
    """/autograder with source/ (the zip, modes kept), an empty submission/ and results/."""
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
        for member in archive.infolist():
            mode = member.external_attr >> 16
            if mode:
                os.chmod(root / "source" / member.filename, stat.S_IMODE(mode))
    (root / "submission").mkdir()
    (root / "results").mkdir()
    return root


def run_autograder(root: Path) -> dict:
    env = {**os.environ, "MLKATA_AUTOGRADER_ROOT": str(root), "MLKATA_AUTOGRADER_PYTHON": sys.executable}
    completed = subprocess.run([root / "source" / "run_autograder"], env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return json.loads((root / "results" / "results.json").read_text())


def test_the_zip_holds_gradescopes_scripts_and_the_kit_but_no_mutant(autograder_zip):
    with zipfile.ZipFile(autograder_zip) as archive:
        names = set(archive.namelist())
        modes = {name: archive.getinfo(name).external_attr >> 16 for name in ("setup.sh", "run_autograder")}
    assert all(mode & stat.S_IXUSR for mode in modes.values())
    assert {"mlkata-autograder.json", "kit/pyproject.toml", "kit/src/mlkata/cli.py"} <= names
    assert "kit/graders/evaluation/test_alert_threshold.py" in names
    assert f"kit/solutions/{EXERCISE}.py" in names and "kit/data/card_fraud.py" in names
    assert not [
        n for n in names if n.startswith(("kit/mutants", "kit/alternatives", "kit/hints")) or "__pycache__" in n
    ]


def test_setup_sh_is_valid_bash_that_installs_the_kit(autograder_zip, tmp_path):
    root = unpack_like_gradescope(autograder_zip, tmp_path / "autograder")
    setup = root / "source" / "setup.sh"
    assert subprocess.run(["bash", "-n", setup], check=False).returncode == 0
    assert "pip install --quiet /autograder/source/kit" in setup.read_text()


def test_files_uploaded_one_by_one_are_graded(autograder_zip, tmp_path):
    root = unpack_like_gradescope(autograder_zip, tmp_path / "autograder")
    (root / "submission" / "alert_threshold.py").write_text(SOLUTION.read_text())
    results = run_autograder(root)
    [test] = results["tests"]
    assert test["name"] == EXERCISE and test["score"] == test["max_score"] > 0
    assert results["score"] == test["max_score"]
    assert f"{EXERCISE}: graded alert_threshold.py" in results["output"]


def test_a_zipped_release_repository_is_graded(autograder_zip, tmp_path):
    root = unpack_like_gradescope(autograder_zip, tmp_path / "autograder")
    with zipfile.ZipFile(root / "submission" / "my-work.zip", "w") as archive:
        archive.writestr(f"my-work/exercises/{EXERCISE}.py", SOLUTION.read_text() + "\n\n" + MUTANT.read_text())
        archive.writestr("my-work/README.md", "notes")
    results = run_autograder(root)
    [test] = results["tests"]
    assert 0 < test["score"] < test["max_score"] and test["status"] == "failed"
    assert ": incorrect" in test["output"]
    assert f"{EXERCISE}: graded alert_threshold.py" in results["output"]


def test_a_submission_without_the_file_says_what_was_expected(autograder_zip, tmp_path):
    root = unpack_like_gradescope(autograder_zip, tmp_path / "autograder")
    (root / "submission" / "notes.txt").write_text("forgot the code")
    results = run_autograder(root)
    assert results["score"] == 0
    assert f"{EXERCISE}: no alert_threshold.py in the submission (not attempted)" in results["output"]


def test_an_autograder_must_be_a_zip(tmp_path):
    result = mlkata("gradescope", str(tmp_path / "autograder.tar"), cwd=tmp_path)
    assert result.returncode == 2
    assert "should end in .zip" in result.stderr
    assert not list(tmp_path.iterdir())
