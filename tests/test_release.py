"""`mlkata release --git` on the real kit: what the students' branch holds, what it never holds, and
what `pytest` does in it, on the untouched stubs and on the solutions branch."""

import subprocess
import sys
from pathlib import Path

import pytest

from mlkata import layout
from mlkata.stubs import BEGIN_SOLUTION, END_SOLUTION, make_stub

from .conftest import REPO

pytestmark = pytest.mark.slow

TOPIC, EXTRA = "evaluation", "trees/best_split"
SECRET_DIRS = (layout.SOLUTIONS_DIR, layout.GRADERS_DIR, layout.MUTANTS_DIR, layout.ALTERNATIVES_DIR)


def run(*command, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def mlkata(*args, cwd: Path) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "mlkata", "--root", str(REPO), *args, cwd=cwd)


def released() -> list[layout.Exercise]:
    return layout.select(layout.discover(REPO), [TOPIC, EXTRA])


def solution_lines(exercise: layout.Exercise) -> set[str]:
    """The distinctive lines of code inside the solution's regions (comments and docstrings left out)."""
    lines, inside = set(), False
    for line in exercise.solution.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped in (BEGIN_SOLUTION, END_SOLUTION):
            inside = stripped == BEGIN_SOLUTION
        elif inside and len(stripped) > 12 and not stripped.startswith(("#", '"""')):
            lines.add(stripped)
    return lines


def code_lines(source: str) -> set[str]:
    """The stripped lines of code in ``source``, comments left out."""
    return {s for line in source.splitlines() if (s := line.strip()) and not s.startswith("#")}


def starting_code() -> set[str]:
    """Every line the released exercises' stubs give the students: public, whichever reference also has it."""
    return set().union(*(code_lines(make_stub(e.solution.read_text(encoding="utf-8"))) for e in released()))


def key(release: Path) -> Path:
    """Where ``--git`` puts the answer key."""
    return release.with_name(f"{release.name}-solutions")


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "classroom"
    result = mlkata("release", str(out), "--topics", TOPIC, "--exercises", EXTRA, "--git", cwd=out.parent)
    assert result.returncode == 0, result.stderr
    assert f"released {len(released())} exercise(s)" in result.stdout
    return out


def branch_files(repository: Path, branch: str) -> dict[str, str]:
    names = run("git", "ls-tree", "-r", "--name-only", branch, cwd=repository).stdout.split()
    return {name: run("git", "show", f"{branch}:{name}", cwd=repository).stdout for name in names}


def test_main_holds_no_solution_no_hidden_grader_and_no_mutant(release):
    files = branch_files(release, "main")
    secrets = {
        path.read_text(encoding="utf-8")
        for folder in SECRET_DIRS
        for path in (REPO / folder).rglob("*.py")
        if path.stat().st_size > 0
    }
    assert not [name for name in files if name.split("/")[0] in SECRET_DIRS]
    assert not secrets & set(files.values()), "a solution, grader, mutant or alternative was copied verbatim"
    assert not [name for name, text in files.items() if BEGIN_SOLUTION in text]
    # data/ and mlkata/ are the kit's public generators and their support, copied as they are
    copied = {name: text for name, text in files.items() if name.split("/")[0] in ("data", "mlkata")}
    assert all(
        text == (REPO / name).read_text(encoding="utf-8") for name, text in copied.items() if name.startswith("data/")
    )
    written = [text for name, text in files.items() if name.endswith((".py", ".md")) and name not in copied]
    everything = set().union(*map(code_lines, written))
    given = starting_code()
    for exercise in released():
        # a stub's given code (a debug exercise's starting code, a helper another exercise provides) may share a
        # line with a reference; no other line of a region may appear
        leaked = (solution_lines(exercise) - given) & everything
        assert not leaked, f"{exercise.id}: solution lines on main: {sorted(leaked)[:3]}"
    for exercise in released():
        assert f"exercises/{exercise.id}.py" in files and f"hints/{exercise.id}.md" in files
    assert {"README.md", "PROMPTS.md", "requirements.txt", "public_checks/test_public.py"} <= set(files)
    assert "data/card_fraud.py" in files and "mlkata/generators.py" in files


def test_the_answer_key_is_a_repository_apart_with_the_references_in_place(release):
    main, solutions = branch_files(release, "main"), branch_files(key(release), "solutions")
    assert set(main) == set(solutions)
    changed = {name for name in main if main[name] != solutions[name]}
    assert changed == {f"exercises/{e.id}.py" for e in released()}
    for exercise in released():
        assert solutions[f"exercises/{exercise.id}.py"] == exercise.solution.read_text(encoding="utf-8")
    assert run("git", "remote", cwd=key(release)).stdout.strip() == "", "no remote a push could reach the students' by"
    assert run("git", "status", "--porcelain", cwd=release).stdout == ""


def test_the_students_repository_holds_no_reference_in_any_ref_or_object(release):
    refs = run("git", "for-each-ref", "--format=%(refname)", cwd=release).stdout.split()
    assert refs == ["refs/heads/main"]
    objects = run("git", "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)", cwd=release)
    blobs = [line.split()[0] for line in objects.stdout.splitlines() if line.endswith(" blob")]
    texts = [run("git", "cat-file", "blob", blob, cwd=release).stdout for blob in blobs]
    everything = set().union(*map(code_lines, texts))
    public = set().union(*(code_lines(p.read_text(encoding="utf-8")) for p in (REPO / "data").glob("*.py")))
    public |= starting_code()
    for exercise in released():
        reference = exercise.solution.read_text(encoding="utf-8")
        assert reference not in texts, f"the reference of {exercise.id} is an object of the students' repository"
        # the stubs' given code and the public generators may share lines with a reference
        answers = solution_lines(exercise) - public
        assert not answers & everything, f"{exercise.id}: {sorted(answers & everything)[:3]}"


def test_the_students_readme_says_how_to_run_one_exercise_and_hand_in(release):
    readme = (release / "README.md").read_text()
    assert "## Handing in" in readme and "pytest -k" in readme and "pytest exercises/" not in readme
    assert ".venv/" in (release / ".gitignore").read_text().split()


def test_pytest_in_the_release_self_grades_with_the_public_checks_only(release, tmp_path):
    on_main = run(sys.executable, "-m", "pytest", cwd=release)
    assert on_main.returncode == 1, on_main.stdout  # not 5: the public checks were collected, and fail
    assert "hidden graders run at grading time" in on_main.stdout
    assert "pick_threshold is not written yet" in on_main.stdout
    assert "graders/" not in on_main.stdout and "mlkata: grading" not in on_main.stdout

    clone = tmp_path / "solutions"
    assert (
        run("git", "clone", "--quiet", "--branch", "solutions", str(key(release)), str(clone), cwd=tmp_path).returncode
        == 0
    )
    on_solutions = run(sys.executable, "-m", "pytest", cwd=clone)
    assert on_solutions.returncode == 0, on_solutions.stdout
    assert f"{2 * len(released())} passed" in on_solutions.stdout
    assert "hidden graders run at grading time" in on_solutions.stdout


def test_a_public_check_names_a_wrong_signature(release, tmp_path):
    clone = tmp_path / "student"
    run("git", "clone", "--quiet", str(release), str(clone), cwd=tmp_path)
    stub = clone / "exercises/trees/best_split.py"
    stub.write_text(
        stub.read_text().replace("def best_split(X: np.ndarray, y: np.ndarray)", "def best_split(X, labels)")
    )
    result = run(sys.executable, "-m", "pytest", "-k", "best_split", cwd=clone)
    assert result.returncode == 1
    assert "best_split should take the parameters X (positional or keyword), y (positional or keyword)" in result.stdout


def test_a_release_never_overwrites_a_folder(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    result = mlkata("release", str(tmp_path / "taken"), "--topics", TOPIC, cwd=tmp_path)
    assert result.returncode == 2
    assert "already exists and is not an empty folder" in result.stderr
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_an_unknown_topic_is_refused_with_the_known_ones(tmp_path):
    result = mlkata("release", str(tmp_path / "out"), "--topics", "vision", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown topic 'vision'; the topics are supervised, evaluation" in result.stderr
    assert not (tmp_path / "out").exists()
