"""The pytest plugin, driven black-box through real pytest runs on a tiny kit."""

import json
import re

import pytest

pytestmark = pytest.mark.slow


def run(pytester, *args):
    return pytester.runpytest_subprocess(*args)


def test_self_grading_a_stub_reads_not_attempted(pytester, tiny_kit):
    result = run(pytester, "exercises/evaluation")
    result.stdout.fnmatch_lines(["*4 not attempted*", "*evaluation/add*not attempted*0/5*"])
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*ERROR*")  # a fixture calling the stub is not attempted, not an error
    result.stdout.no_fnmatch_line("*NotImplementedError*File*")
    assert result.ret == 1


def test_points_table_for_the_solution(pytester, tiny_kit):
    result = run(pytester, "solutions/evaluation")
    result.stdout.fnmatch_lines(["*mlkata: points for solutions*", "*evaluation/add*passed*5/5*", "total*5/5"])
    assert result.ret == 0


def test_a_mutant_path_grades_that_mutant(pytester, tiny_kit):
    result = run(pytester, "mutants/evaluation/add/positive_only.py")
    result.stdout.fnmatch_lines(["*points for mutant:positive_only*", "*evaluation/add*incorrect*4/5*"])


def test_an_alternative_path_grades_that_module_alone(pytester, tiny_kit):
    result = run(pytester, "alternatives/evaluation/add/with_operator.py")
    result.stdout.fnmatch_lines(["*points for alternative:with_operator*", "*evaluation/add*passed*5/5*"])


def test_failure_message_never_shows_the_expected_value(pytester, tiny_kit):
    # the grader's bare `assert result == -5` would print the expected value through pytest's rewriting
    result = run(pytester, "mutants/evaluation/add/positive_only.py")
    result.stdout.fnmatch_lines(["*incorrect] add(-2, -3) should be negative*"])
    failures = result.stdout.str().split("FAILURES")[1].split("mlkata: points")[0]
    assert "-5" not in failures


def test_seed_printed_in_header_and_fixed_by_option(pytester, tiny_kit):
    first = run(pytester, "solutions/evaluation", "--mlkata-seed=1234")
    first.stdout.fnmatch_lines(["mlkata: grading solutions with seed 1234 (reproduce with --mlkata-seed=1234)"])
    seed_file = pytester.path / "seed.txt"
    data_seed = seed_file.read_text()
    run(pytester, "solutions/evaluation", "--mlkata-seed=1234")
    assert seed_file.read_text() == data_seed
    run(pytester, "solutions/evaluation", "--mlkata-seed=1235")
    assert seed_file.read_text() != data_seed


def test_seed_has_an_ini_twin(pytester, tiny_kit):
    result = run(pytester, "solutions/evaluation", "-o", "mlkata_seed=77")
    result.stdout.fnmatch_lines(["mlkata: grading solutions with seed 77 *"])


def test_seed_is_random_without_the_option(pytester, tiny_kit):
    headers = {
        re.search(r"with seed (\d+)", run(pytester, "solutions/evaluation").stdout.str()).group(1) for _ in range(3)
    }
    assert len(headers) > 1


def test_grading_an_arbitrary_directory(pytester, tiny_kit, tmp_path):
    answers = tmp_path / "alice" / "evaluation"
    answers.mkdir(parents=True)
    (answers / "add.py").write_text("def add(a, b):\n    return b + a\n")
    results = tmp_path / "results.json"
    result = run(pytester, "graders", f"--mlkata-impl={answers.parent}", f"--mlkata-results={results}")
    result.stdout.fnmatch_lines(["*evaluation/add*passed*5/5*"])
    document = json.loads(results.read_text())
    assert document["schema"] == 1
    [exercise] = document["exercises"]
    assert (exercise["id"], exercise["earned"], exercise["possible"]) == ("evaluation/add", 5, 5)
    tests = {t["test"] for t in exercise["tests"]}
    assert tests == {"test_adds", "test_adds_negatives", "test_fixture_calls_are_graded", "test_seed_is_recorded"}


def test_a_missing_file_is_not_attempted(pytester, tiny_kit, tmp_path):
    result = run(pytester, "graders", f"--mlkata-impl={tmp_path}")
    result.stdout.fnmatch_lines(["*evaluation/add*not attempted*0/5*"])


def test_a_misnamed_function_is_an_error_that_says_so(pytester, tiny_kit, tmp_path):
    (tmp_path / "evaluation").mkdir()
    (tmp_path / "evaluation" / "add.py").write_text("def add_numbers(a, b):\n    return a + b\n")
    result = run(pytester, "graders", f"--mlkata-impl={tmp_path}")
    result.stdout.fnmatch_lines(["*error]*defines no function 'add'*Did you rename it to 'add_numbers'?*"])
    result.stdout.fnmatch_lines(["*evaluation/add*error*0/5*"])


def test_a_crash_in_candidate_code_is_an_error_with_its_line(pytester, tiny_kit, tmp_path):
    (tmp_path / "evaluation").mkdir()
    (tmp_path / "evaluation" / "add.py").write_text("def add(a, b):\n    return {}[a]\n")
    result = run(pytester, "graders", f"--mlkata-impl={tmp_path}")
    result.stdout.fnmatch_lines(["*error] add raised KeyError*", "*line 2, in add*"])
    # a crash inside a grader's fixture is this candidate's failure, not a pytest ERROR
    result.assert_outcomes(failed=4, errors=0)


def test_a_syntax_error_costs_only_its_exercise(pytester, tiny_kit, tmp_path):
    (tmp_path / "evaluation").mkdir()
    (tmp_path / "evaluation" / "add.py").write_text("def add(a, b)\n    return a + b\n")
    result = run(pytester, "graders", f"--mlkata-impl={tmp_path}")
    result.stdout.fnmatch_lines(["*error]*does not compile*line 1*", "*evaluation/add*error*0/5*"])


def test_grading_two_trees_at_once_is_refused(pytester, tiny_kit):
    result = run(pytester, "exercises/evaluation", "solutions/evaluation")
    result.stderr.fnmatch_lines(["*grade one implementation at a time*"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_the_plugin_is_inert_outside_a_kit(pytester):
    pytester.makepyfile(test_plain="def test_one():\n    assert True\n")
    result = run(pytester)
    result.stdout.no_fnmatch_line("mlkata: *")
    result.assert_outcomes(passed=1)


def test_self_grading_limits_each_call_and_names_the_exercise(pytester, tiny_kit):
    (tiny_kit / "exercises/evaluation/add.py").write_text("def add(a, b):\n    while True:\n        pass\n")
    result = run(pytester, "exercises/evaluation", "--mlkata-timeout=0.5", "-p", "no:randomly")
    result.stdout.fnmatch_lines(["*evaluation/add: add did not return within 0.5 seconds*"])
    assert result.ret == 1


def test_the_run_ends_with_the_points_and_failures_name_their_exercise(pytester, tiny_kit):
    result = run(pytester, "mutants/evaluation/add/positive_only.py")
    result.stdout.fnmatch_lines(["*_ evaluation/add: test_adds_negatives _*"])
    lines = result.stdout.lines
    counts = max(i for i, line in enumerate(lines) if "1 failed, 3 passed" in line)
    table = max(i for i, line in enumerate(lines) if line.startswith("total"))
    assert counts < table, "the points table comes after pytest's summary, not before it"


def test_parametrised_cases_are_named_by_their_parameters(pytester, tiny_kit):
    with open(tiny_kit / "graders/evaluation/test_add.py", "a") as grader:
        grader.write(
            "\n\n@pytest.mark.points(1)\n@pytest.mark.parametrize('b', [0, 7], ids=['zero', 'seven'])\n"
            "def test_adds_to_one(impl, b):\n    expect(impl.add(1, b) == 1 + b, 'add(1, b) should be 1 + b.')\n"
        )
    results = pytester.path / "results.json"
    run(pytester, "solutions/evaluation", f"--mlkata-results={results}")
    names = {t["test"] for e in json.loads(results.read_text())["exercises"] for t in e["tests"]}
    assert {"test_adds_to_one[zero]", "test_adds_to_one[seven]"} <= names, names


def test_a_grader_that_does_not_import_is_a_collection_error_not_a_crash(pytester, tiny_kit):
    (tiny_kit / "graders/evaluation/test_broken.py").write_text("import a_module_that_is_not_there\n")
    result = run(pytester, "solutions/evaluation")
    result.stdout.fnmatch_lines(["*ERROR*test_broken.py*", "*ModuleNotFoundError*"])
    result.stdout.no_fnmatch_line("*INTERNALERROR*")
    assert result.ret == pytest.ExitCode.INTERRUPTED
