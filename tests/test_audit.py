"""``mlkata audit`` on a tiny kit: green when every rule holds, a violation for each broken rule."""

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def mlkata(pytester, *args):
    return pytester.run(sys.executable, "-m", "mlkata", "--root", str(pytester.path), *args)


def test_a_valid_kit_passes_with_a_matrix_and_json(pytester, tiny_kit):
    result = mlkata(pytester, "audit", "--seeds", "3", "--jobs", "1", "--json", "audit.json")
    result.stdout.fnmatch_lines(
        [
            "ok   evaluation/add: 5 points, graded in *s",
            "*solution*5   full marks on 3/3 seeds",
            "*stub*0",
            "*mutant concatenates*rejected on 3/3 seeds",
            "*alternative with_operator*5   full marks on 3/3 seeds",
            "*all graders valid",
        ]
    )
    assert result.ret == 0
    document = json.loads((pytester.path / "audit.json").read_text())
    (exercise,) = document["exercises"]
    assert document["ok"] and document["seeds"] == [0, 1, 2]
    assert exercise["id"] == "evaluation/add" and exercise["points"] == 5
    assert exercise["solution"] == {"0": 5, "1": 5, "2": 5}
    assert exercise["mutants"]["off_by_one"]["mistake"] == "Adds one too many."
    assert all(score < 5 for score in exercise["mutants"]["off_by_one"]["scores"].values())
    assert exercise["alternatives"]["with_operator"]["scores"] == {"0": 5, "1": 5, "2": 5}
    assert 0 < exercise["seconds"] < document["seconds"] * 2  # where the audit's time went, exercise by exercise


def test_an_alternative_losing_points_fails_the_audit(pytester, tiny_kit):
    # an answer filed as correct must earn full marks on every seed, like the reference
    (tiny_kit / "alternatives/evaluation/add/rounded.py").write_text(
        '"""Rounds to tens (filed as correct by mistake)."""\n\n\ndef add(a, b):\n    return round(a + b, -1)\n'
    )
    result = mlkata(pytester, "audit", "--seeds", "2", "--jobs", "1")
    result.stdout.fnmatch_lines(["*! alternative rounded lost points on seed*"])
    assert result.ret == 1


def test_a_surviving_mutant_fails_the_audit(pytester, tiny_kit):
    (tiny_kit / "mutants/evaluation/add/harmless.py").write_text('"""Same as the reference."""\n')
    result = mlkata(pytester, "audit", "--seeds", "2", "--jobs", "1")
    result.stdout.fnmatch_lines(["FAIL *evaluation/add*", "*! mutant harmless kept full marks on 2 seeds (0, 1)*"])
    assert result.ret == 1


def commit_the_kit(kit):
    """Make the tiny kit a repository with everything committed, as a maintainer's clone is."""
    identity = ["-c", "user.name=a", "-c", "user.email=a@b"]
    for command in (["init", "-q"], ["add", "."], [*identity, "commit", "-qm", "kit"]):
        subprocess.run(["git", "-C", str(kit), *command], check=True, capture_output=True)


def test_a_drifted_stub_and_missing_hints_fail_the_audit(pytester, tiny_kit):
    stub = tiny_kit / "exercises/evaluation/add.py"
    stub.write_text(stub.read_text() + "# edited\n")
    commit_the_kit(tiny_kit)  # committed so: the kit's own stub, not a learner's answer
    (tiny_kit / "hints/evaluation/add.md").write_text("## Hint 1\nUse +.\n")
    result = mlkata(pytester, "audit", "--seeds", "1", "--jobs", "1")
    result.stdout.fnmatch_lines(["*! stub drift*", "*! fewer than 2 non-empty hints*"])
    assert result.ret == 1


def test_a_learners_answer_in_exercises_is_theirs_and_the_kits_stub_is_audited(pytester, tiny_kit):
    commit_the_kit(tiny_kit)
    (tiny_kit / "exercises/evaluation/add.py").write_text("def add(a, b):\n    return a + b\n")  # solved
    result = mlkata(pytester, "audit", "--seeds", "2", "--jobs", "1")
    result.stdout.fnmatch_lines(["*stub*0*", "*note: exercises/evaluation/add.py: your answer, not the kit's stub*"])
    result.stdout.no_fnmatch_line("*drift*")
    assert result.ret == 0


def test_a_grader_test_without_points_fails_the_audit(pytester, tiny_kit):
    grader = tiny_kit / "graders/evaluation/test_add.py"
    grader.write_text(grader.read_text() + "\n\ndef test_unmarked(impl):\n    impl.add(1, 1)\n")
    result = mlkata(pytester, "audit", "--seeds", "1", "--jobs", "1")
    result.stdout.fnmatch_lines(["*! tests without @pytest.mark.points: test_unmarked*"])
    assert result.ret == 1


def test_a_grader_that_crashes_on_a_wrong_answer_fails_the_audit(pytester, tiny_kit):
    # the candidate whose answer crashes the grader is told nothing: the grader's fault, even for a mutant
    grader = tiny_kit / "graders/evaluation/test_add.py"
    crashing = "\n\n@pytest.mark.points(1)\ndef test_indexes(impl):\n    expect([True][impl.add(0, 0)], 'add(0, 0)')\n"
    grader.write_text(grader.read_text() + crashing)
    result = mlkata(pytester, "audit", "--seeds", "1", "--jobs", "1")
    result.stdout.fnmatch_lines(["*! grader error in test_indexes (mutant*off_by_one) on seed 0*"])
    result.stdout.no_fnmatch_line("*grader error in test_indexes on*")  # the reference's answer is a fine index
    assert result.ret == 1


def test_a_stub_that_earns_points_fails_the_audit(pytester, tiny_kit):
    (tiny_kit / "exercises/evaluation/add.py").write_text("def add(a, b):\n    return a + b\n")
    commit_the_kit(tiny_kit)  # the kit's committed stub, not a learner's answer
    result = mlkata(pytester, "audit", "--seeds", "1", "--jobs", "1")
    result.stdout.fnmatch_lines(["*! the stub earned 5 points on seed 0*"])
    assert result.ret == 1


def test_the_solution_losing_points_fails_the_audit(pytester, tiny_kit):
    solution = tiny_kit / "solutions/evaluation/add.py"
    solution.write_text(solution.read_text().replace("return a + b", "return a - b"))
    mlkata(pytester, "stubs")
    result = mlkata(pytester, "audit", "--seeds", "2", "--jobs", "2")
    result.stdout.fnmatch_lines(["*! solution lost points on 2 seeds*"])
    assert result.ret == 1


def test_nothing_to_audit_is_an_error(pytester, tiny_kit):
    result = mlkata(pytester, "audit", "no_such_exercise")
    assert result.ret != 0


STATISTICAL_TEST = '''

@pytest.mark.points(1)
def test_close_to_the_sum(impl, seed):
    """A statistical check: within a measured distance of the sum."""
    from mlkata import expect_at_most

    expect_at_most(abs(impl.add(seed, 0.5) - seed - 0.5), 0.25, "add should be near the sum.", what="distance")
'''


def test_the_closest_call_of_each_statistical_check_is_recorded(pytester, tiny_kit):
    grader = tiny_kit / "graders/evaluation/test_add.py"
    grader.write_text(grader.read_text() + STATISTICAL_TEST)
    result = mlkata(pytester, "audit", "--seeds", "2", "--jobs", "1", "--json", "audit.json")
    result.stdout.fnmatch_lines(["*closest call of 1 statistical check(s): test_close_to_the_sum (distance) 0.25 *"])
    (exercise,) = json.loads((pytester.path / "audit.json").read_text())["exercises"]
    (margin,) = exercise["margins"]
    assert margin["test"] == "test_close_to_the_sum" and margin["limit"] == 0.25 and margin["margin"] == 0.25
    assert margin["target"] in ("solution", "alternative:with_operator") and margin["seed"] in (0, 1)
    # graded outside an audit, a candidate's results carry no margins: limits are the grader's business
    result = pytester.run(sys.executable, "-m", "pytest", "solutions/evaluation", "--mlkata-results=out.json")
    tests = json.loads((pytester.path / "out.json").read_text())["exercises"][0]["tests"]
    assert tests and all("margins" not in test for test in tests)


def test_the_fairness_check_grades_no_mutant(pytester, tiny_kit):
    # the flake run over many seeds: a surviving mutant is not its business, an alternative losing points is
    (tiny_kit / "mutants/evaluation/add/same.py").write_text(
        '"""The reference itself."""\n\n\ndef add(a, b):\n    return a + b\n'
    )
    result = mlkata(pytester, "audit", "--seeds", "2", "--jobs", "1", "--fair-only", "--json", "audit.json")
    result.stdout.fnmatch_lines(["*alternative with_operator*full marks on 2/2 seeds", "*all graders valid"])
    result.stdout.no_fnmatch_line("*mutant*")
    assert result.ret == 0
    (exercise,) = json.loads((pytester.path / "audit.json").read_text())["exercises"]
    assert all(not mutant["scores"] for mutant in exercise["mutants"].values())


def test_a_mutant_is_graded_in_full_on_the_first_seed_and_until_it_loses_points_after(pytester, tiny_kit):
    mutant = tiny_kit / "mutants/evaluation/add/off_by_one.py"
    plan = {
        "seeds": [0, 1],
        "targets": {"evaluation/add": [{"label": "mutant:off_by_one", "mutant": str(mutant)}]},
        "until_rejected": ["mutant:off_by_one"],
        "graded_in_full": [0],
    }
    (pytester.path / "plan.json").write_text(json.dumps(plan))
    pytester.run(
        sys.executable,
        "-m",
        "pytest",
        "graders",
        "--mlkata-audit=plan.json",
        "--mlkata-results=out.json",
        "-p",
        "no:randomly",
    )
    tests = json.loads((pytester.path / "out.json").read_text())["exercises"]
    graded = {exercise["seed"]: [t["outcome"] for t in exercise["tests"]] for exercise in tests}
    assert len(graded[0]) == 4, "the first seed grades every test: it tells which tests some mutant fails"
    assert graded[1] == ["incorrect"], "after the first seed, one lost test is enough to reject a mutant"
