"""Fixtures for testing the engine black-box on tiny kits built in a temporary folder."""

import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[1]

SOLUTION = '''
"""Add two numbers (a toy exercise for the engine's tests)."""


def add(a, b):
    """Return a + b."""
    ### BEGIN SOLUTION
    return a + b
    ### END SOLUTION
'''

GRADER = '''
import pytest

from mlkata import as_float, expect


@pytest.mark.points(2)
def test_adds(impl, seed):
    """Does add add?"""
    a, b = seed % 97, seed % 89
    expect(as_float(impl.add(a, b), what="add's result") == a + b, "add(a, b) should be their sum.")


@pytest.mark.points(1)
def test_adds_negatives(impl):
    """Does add handle negative numbers?"""
    result = impl.add(-2, -3)
    assert result == -5, "add(-2, -3) should be negative"


@pytest.fixture(scope="module")
def successor(impl, seed):
    """Calls the candidate in a fixture: a failure here must be graded like one in a test."""
    return impl.add(seed, 1)


@pytest.mark.points(1)
def test_fixture_calls_are_graded(successor, seed):
    """Does add count up by one?"""
    expect(successor == seed + 1, "add(x, 1) should be one more than x.")


@pytest.mark.points(1)
def test_seed_is_recorded(impl, seed, tmp_path_factory):
    """Writes the data seed where the engine's tests can read it."""
    (tmp_path_factory.getbasetemp().parent / "seed.txt").write_text(str(seed))
    expect(impl.add(seed, 0) == seed, "add(x, 0) should be x.")
'''

MUTANTS = {
    "off_by_one.py": '"""Adds one too many."""\n\n\ndef add(a, b):\n    return a + b + 1\n',
    "positive_only.py": '"""Drops the sign."""\n\n\ndef add(a, b):\n    return abs(a) + abs(b)\n',
    "concatenates.py": '"""Joins the digits as text."""\n\n\ndef add(a, b):\n    return float(f"{a}{b}")\n',
}


ALTERNATIVE = '''"""The operator module's add: correct, and not the reference's code."""

import operator


def add(a, b):
    return operator.add(a, b)
'''


@pytest.fixture
def tiny_kit(pytester: pytest.Pytester) -> Path:
    """A kit with one exercise, evaluation/add: solution, generated stub, grader, mutants, an alternative, hints."""
    from mlkata.stubs import make_stub

    root = pytester.path
    pytester.makepyprojecttoml(
        textwrap.dedent(
            """
            [tool.pytest.ini_options]
            pythonpath = ["."]
            mlkata_graders = "graders"
            """
        )
    )
    files = {
        "solutions/evaluation/add.py": SOLUTION,
        "exercises/evaluation/add.py": make_stub(SOLUTION),
        "graders/__init__.py": "",
        "graders/evaluation/__init__.py": "",
        "graders/evaluation/test_add.py": GRADER,
        "hints/evaluation/add.md": "# Hints\n\ndifficulty: 1\n\n## Hint 1\nUse +.\n\n## Hint 2\nReally, +.\n",
        **{f"mutants/evaluation/add/{name}": text for name, text in MUTANTS.items()},
        "alternatives/evaluation/add/with_operator.py": ALTERNATIVE,
    }
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return root
