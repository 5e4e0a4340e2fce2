"""Stubs are generated from solutions: the generator's rules, and no drift in the kit itself."""

import textwrap

import pytest

from mlkata import layout
from mlkata.stubs import MarkerError, is_debug, make_stub, stub_state

from .conftest import REPO


def source(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.mark.parametrize("exercise", layout.discover(REPO), ids=lambda e: e.id)
def test_committed_stub_matches_its_solution(exercise):
    # a learner's answer in exercises/ is theirs: what must match is the kit's stub as committed
    drift = stub_state(REPO, exercise.solution, exercise.stub).drift()
    assert drift is None, f"{drift}: run `mlkata stubs` and commit the result"


def test_the_kit_has_exercises_to_check():
    assert layout.discover(REPO), "no exercises discovered: the drift test above would pass vacuously"


def test_a_function_region_becomes_a_todo_and_not_implemented():
    stub = make_stub(
        source(
            '''
            def mean(values):
                """The mean."""
                ### BEGIN SOLUTION
                return sum(values) / len(values)
                ### END SOLUTION
            '''
        )
    )
    assert "sum(values)" not in stub
    assert "    # TODO: write mean as its docstring describes." in stub
    assert '    raise NotImplementedError("mean is not written yet")' in stub
    assert '"""The mean."""' in stub
    namespace = {}
    exec(stub, namespace)
    with pytest.raises(NotImplementedError):
        namespace["mean"]([1, 2])


def test_a_module_level_region_is_removed_with_its_blank_lines():
    stub = make_stub(
        source(
            '''
            import math


            ### BEGIN SOLUTION
            def _helper(x):
                return math.sqrt(x)
            ### END SOLUTION


            def root(x):
                """The square root."""
                ### BEGIN SOLUTION
                return _helper(x)
                ### END SOLUTION
            '''
        )
    )
    assert "_helper" not in stub
    assert "import math\n\n\ndef root(x):" in stub


def test_a_debug_region_ships_the_buggy_code_uncommented():
    solution = source(
        '''
        def rate(hits, total):
            """Hits per item."""
            ### BEGIN SOLUTION
            return hits / total
            ### END SOLUTION
            ### BEGIN STUB
            # # the bug: integer division
            # return hits // total
            ### END STUB
        '''
    )
    assert is_debug(solution)
    stub = make_stub(solution)
    assert "    # the bug: integer division\n    return hits // total\n" in stub
    assert "NotImplementedError" not in stub
    assert "hits / total" not in stub
    assert "###" not in stub


def test_a_solution_without_stub_region_is_not_debug():
    assert not is_debug("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n")


@pytest.mark.parametrize(
    "broken, complaint",
    [
        ("def f():\n    ### BEGIN SOLUTION\n    return 1\n", "not closed"),
        ("def f():\n    return 1\n    ### END SOLUTION\n", "without an open"),
        ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n    ### END SOLUTION\n", "not closed"),
        ("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n    ### BEGIN STUB\n", "not closed"),
        (
            "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n"
            "    ### BEGIN STUB\n    return 2\n    ### END STUB\n",
            "must be a comment",
        ),
    ],
    ids=["unclosed", "stray-end", "nested", "unclosed-stub", "uncommented-stub"],
)
def test_broken_markers_are_refused_with_the_line(broken, complaint):
    with pytest.raises(MarkerError, match=complaint) as error:
        make_stub(broken, filename="solutions/x/f.py")
    assert "solutions/x/f.py:" in str(error.value)


def test_drift_is_reported(tmp_path):
    solution = tmp_path / "solution.py"
    stub = tmp_path / "stub.py"
    solution.write_text("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n")
    assert "missing" in stub_state(tmp_path, solution, stub).drift()
    stub.write_text(make_stub(solution.read_text()))
    assert stub_state(tmp_path, solution, stub).drift() is None
    stub.write_text(stub.read_text() + "# edited by hand\n")  # outside git and never written by the kit: an answer
    state = stub_state(tmp_path, solution, stub)
    assert state.is_answer and state.drift() is None
