"""The mutation audit: generated mutants of a reference, their ids, equivalents, degenerate answers."""

import json
import subprocess
import sys
import textwrap

import pytest
from cosmic_ray.mutating import mutate_code

from mlkata.mutation import OWN_OPERATORS, MutantTimeout, TimeLimit, degenerate_answers, generate_mutants
from mlkata.stubs import make_stub

TOY = '''"""A toy exercise: the mean of a sample (docstrings are never mutated: x >= 3, np.mean)."""

import numpy as np


def sample_mean(values, rng) -> float:
    """The mean of two values drawn without replacement; ValueError for fewer than 3 values."""
    ### BEGIN SOLUTION
    if len(values) < 3:
        raise ValueError("too few values")
    sample = rng.choice(values, size=2, replace=False)
    return float(np.mean(sorted(sample)[:2]))
    ### END SOLUTION


def outside(x):
    return x >= 0
'''


def descriptions(source):
    return {m.description for m in generate_mutants(source)}


def test_the_operators_make_the_expected_mutants_of_the_solution_region_only():
    mutants = generate_mutants(TOY)
    found = {m.description for m in mutants}
    assert "line 9 in sample_mean: `if len(values) < 3:` → `if len(values) <= 3:`" in found  # a boundary
    assert "line 9 in sample_mean: `if len(values) < 3:` → `if len(values) > 3:`" in found  # a flip
    assert "line 9 in sample_mean: `if len(values) < 3:` → `if len(values) < 4:`" in found  # off by one
    assert 'line 10 in sample_mean: `raise ValueError("too few values")` → `pass`' in found
    assert (
        "line 11 in sample_mean: `sample = rng.choice(values, size=2, replace=False)` → "
        "`sample = rng.choice(values, size=2)`" in found
    )
    assert (
        "line 12 in sample_mean: `return float(np.mean(sorted(sample)[:2]))` → "
        "`return float(np.median(sorted(sample)[:2]))`" in found
    )
    assert (
        "line 12 in sample_mean: `return float(np.mean(sorted(sample)[:2]))` → "
        "`return float(np.mean(sorted(sample, reverse=True)[:2]))`" in found
    )
    assert all(9 <= m.line <= 12 for m in mutants), "only the solution region is mutated"
    assert len({m.id for m in mutants}) == len(mutants)
    for mutant in mutants:
        compile(mutant.source, mutant.id, "exec")


@pytest.mark.parametrize("operator", OWN_OPERATORS, ids=lambda op: op.__name__)
def test_our_operators_work_in_cosmic_rays_own_mutation_machinery(operator):
    for example in operator.examples():
        mutated = mutate_code(example.pre_mutation_code, operator(**example.operator_args), example.occurrence)
        assert mutated == example.post_mutation_code


def test_ids_survive_an_unrelated_edit_and_follow_the_mutated_line():
    before = {m.id: m for m in generate_mutants(TOY)}
    edited = TOY.replace("import numpy as np\n", "import math\n\nimport numpy as np\n").replace(
        "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    values = list(values)\n"
    )
    after = {m.id: m for m in generate_mutants(edited)}
    assert set(before) <= set(after)
    raise_id = next(i for i, m in before.items() if m.operator == "RemoveRaise")
    assert after[raise_id].line == before[raise_id].line + 3
    # editing the mutated line itself makes new mutants
    changed = {m.id for m in generate_mutants(TOY.replace("size=2, replace=False", "size=2, replace=False, p=None"))}
    dropped = next(i for i, m in before.items() if m.operator == "DropKeywordArgument")
    assert dropped not in changed


def test_a_literal_seed_is_not_mutated():
    source = TOY.replace("rng.choice(", "np.random.default_rng(7).choice(")
    assert not any("default_rng(8)" in d or "default_rng(6)" in d for d in descriptions(source))


def test_degenerate_answers_replace_every_candidate_function():
    answers = {a.name: a for a in degenerate_answers(TOY)}
    assert set(answers) == {"zero", "one", "infinity", "none", "echo"}  # a float has no empty value
    results = {}
    for name, answer in answers.items():
        namespace = {}
        exec(compile(answer.source, name, "exec"), namespace)
        results[name] = namespace["sample_mean"]([1.0, 2.0], None)
        assert namespace["outside"](1) is True, "functions outside the regions are left alone"
    assert results == {"zero": 0, "one": 1, "infinity": float("inf"), "none": None, "echo": [1.0, 2.0]}
    framed = TOY.replace("-> float:", "-> pd.DataFrame:").replace(
        "import numpy as np", "import numpy as np\nimport pandas as pd"
    )
    empty = next(a for a in degenerate_answers(framed) if a.name == "empty")
    namespace = {}
    exec(compile(empty.source, "empty", "exec"), namespace)
    assert namespace["sample_mean"]([1.0], None).empty


def test_a_mutant_that_loops_forever_fails_its_call_and_every_later_one():
    limit = TimeLimit(0.2)

    @limit
    def forever():
        while True:
            pass

    with pytest.raises(MutantTimeout):
        forever()
    with pytest.raises(MutantTimeout):
        limit(lambda: 1)()


# --- the audit, black-box on a tiny kit ------------------------------------------------------

GUARDED = '''
"""Add two numbers (a toy exercise for the engine's tests)."""


def add(a, b):
    """Return a + b; TypeError when a is None."""
    ### BEGIN SOLUTION
    if a is None:
        raise TypeError("a is missing")
    return a + b
    ### END SOLUTION
'''


def mlkata(pytester, *args):
    return pytester.run(sys.executable, "-m", "mlkata", "--root", str(pytester.path), *args)


def mutation_audit(pytester, *extra):
    return mlkata(pytester, "audit", "--seeds", "1", "--jobs", "1", "--mutate", "--mutate-seeds", "1", *extra)


@pytest.fixture
def guarded_kit(pytester, tiny_kit):
    """The tiny kit whose solution raises an error that no grader asks for, and whose graders give a
    degenerate answer nothing."""
    (tiny_kit / "solutions/evaluation/add.py").write_text(GUARDED)
    (tiny_kit / "exercises/evaluation/add.py").write_text(make_stub(GUARDED))
    grader = tiny_kit / "graders/evaluation/test_add.py"
    grader.write_text(grader.read_text().replace("impl.add(seed, 0) == seed", "impl.add(seed, 2) == seed + 2"))
    return tiny_kit


@pytest.mark.slow
def test_a_survivor_fails_the_audit_until_recorded_as_equivalent(pytester, guarded_kit):
    result = mutation_audit(pytester, "--json", "audit.json")
    result.stdout.fnmatch_lines(
        [
            "*generated mutants*killed, 0 equivalent, 1 surviving*",
            '*! survivor: add:RemoveRaise:*:0 line 9 in add: `raise TypeError("a is missing")` → `pass` — kill it '
            "with a test, or record why it is equivalent in mutants/evaluation/add/equivalent.txt",
            "mutation audit over 1 seed(s):*1 surviving",
        ]
    )
    assert result.ret == 1
    mutation = json.loads((pytester.path / "audit.json").read_text())["exercises"][0]["mutation"]
    (survivor,) = mutation["survivors"]
    assert mutation["generated"] == mutation["killed"] + 1 and mutation["surviving"] == 1
    assert set(mutation["degenerate"]) == {"zero", "one", "infinity", "none", "echo"}

    listing = guarded_kit / "mutants/evaluation/add/equivalent.txt"
    listing.write_text(f"# generated mutants no grader can kill\n{survivor['id']}  the contract never passes None\n")
    result = mutation_audit(pytester)
    result.stdout.fnmatch_lines(["ok   evaluation/add*", "*killed, 1 equivalent, 0 surviving*", "*all graders valid"])
    assert result.ret == 0


@pytest.mark.slow
def test_stale_and_wrongly_listed_equivalents_are_reported(pytester, guarded_kit):
    ids = {m.id: m for m in generate_mutants(GUARDED)}
    removed_raise = next(i for i, m in ids.items() if m.operator == "RemoveRaise")
    subtracts = next(i for i, m in ids.items() if m.operator == "ReplaceBinaryOperator_Add_Sub")
    (guarded_kit / "mutants/evaluation/add/equivalent.txt").write_text(
        f"{removed_raise}  the contract never passes None\n"
        "add:NumberReplacer:0badc0de:0  a line that is gone\n"
        f"{subtracts}  wrongly thought harmless\n"
    )
    result = mutation_audit(pytester)
    result.stdout.fnmatch_lines(
        [
            "*note: stale entry in mutants/evaluation/add/equivalent.txt: add:NumberReplacer:0badc0de:0 is no "
            "longer generated (remove it)",
            f"*! {subtracts} is listed as equivalent in mutants/evaluation/add/equivalent.txt, but test_* rejects "
            "it on seed 0*",
        ]
    )
    assert result.ret == 1


@pytest.mark.slow
def test_a_degenerate_answer_that_earns_too_much_fails_the_audit(pytester, tiny_kit):
    # the tiny kit's test_seed_is_recorded checks add(x, 0) == x, which the input echoed passes
    result = mutation_audit(pytester)
    result.stdout.fnmatch_lines(
        [
            "*degenerate answers*1/5*at best (echo)",
            "*! degenerate answer echo (every candidate function (add) returns its first argument unchanged) "
            "earned 1/5 points on seed 0; at most 10% is allowed",
        ]
    )
    assert result.ret == 1


def test_without_the_engine_the_audit_says_how_to_install_it(tmp_path, tiny_kit):
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["cosmic_ray"] = None  # as if it were not installed
        from mlkata.cli import main
        sys.exit(main(["--root", {str(tiny_kit)!r}, "audit", "--mutate"]))
        """
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert completed.returncode == 2
    assert 'pip install -e ".[dev]"' in completed.stderr
