"""Public checks of a student release: shipped as ``public_checks/test_public.py`` by ``mlkata release``.

They check what the prompt already tells the student, and nothing more: each exercise defines the
functions it documents, with the documented parameters, and the examples in its docstrings give
the documented results. The hidden graders, which check behaviour on fresh data, run at grading
time. This file needs only the standard library and pytest: it runs in the student's environment.
"""

import doctest
import importlib.util
import inspect
import json
import re
import sys
from pathlib import Path

import pytest

RELEASE = Path(__file__).resolve().parents[1]
CONTRACT_FILE = Path(__file__).with_name("contract.json")
# inside the engine, where this file is a template, there is no contract: nothing to check
CONTRACT = json.loads(CONTRACT_FILE.read_text(encoding="utf-8")) if CONTRACT_FILE.is_file() else {"exercises": []}
EXERCISE_IDS = [exercise["id"] for exercise in CONTRACT["exercises"]]
_NUMPY_SCALAR = re.compile(r"np\.(?:float|int|uint|bool)\d*_?\((.*?)\)")


class _NumpyTolerantChecker(doctest.OutputChecker):
    """Reads numpy 2's scalar reprs (``np.float64(0.5)``, ``np.True_``) as the plain values they are."""

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        got = _NUMPY_SCALAR.sub(r"\1", got).replace("np.True_", "True").replace("np.False_", "False")
        return super().check_output(want, got, optionflags)


def _exercise(exercise_id: str) -> dict:
    return next(e for e in CONTRACT["exercises"] if e["id"] == exercise_id)


def _load(exercise_id: str):
    path = RELEASE / "exercises" / f"{exercise_id}.py"
    if not path.is_file():
        pytest.fail(f"{path.relative_to(RELEASE)} is missing: restore it from the release", pytrace=False)
    spec = importlib.util.spec_from_file_location(f"public_check_{exercise_id.replace('/', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # noqa: BLE001 - the student's file: any failure is theirs to see
        pytest.fail(f"importing {path.relative_to(RELEASE)} raised {type(error).__name__}: {error}", pytrace=False)
    return module


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_defines_the_documented_functions(exercise_id):
    """Does the file define each documented function, with the documented parameters?"""
    module = _load(exercise_id)
    for name, parameters in _exercise(exercise_id)["functions"].items():
        function = getattr(module, name, None)
        if not callable(function):
            pytest.fail(f"{exercise_id}: there is no function {name!r}; keep the name the prompt gives", pytrace=False)
        found = [[p.name, p.kind.name] for p in inspect.signature(function).parameters.values()]
        if found != parameters:
            expected = ", ".join(f"{n} ({k.lower().replace('_', ' ')})" for n, k in parameters)
            pytest.fail(f"{exercise_id}: {name} should take the parameters {expected}", pytrace=False)


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_docstring_examples(exercise_id):
    """Do the examples in the docstrings give the results they show?"""
    module = _load(exercise_id)
    wanted = set(_exercise(exercise_id)["functions"])
    tests = [t for t in doctest.DocTestFinder().find(module) if t.name.rsplit(".", 1)[-1] in wanted and t.examples]
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    for test in tests:
        report: list[str] = []
        runner = doctest.DocTestRunner(checker=_NumpyTolerantChecker(), optionflags=flags)
        runner.run(test, out=report.append, clear_globs=True)
        if runner.failures:
            text = "".join(report)
            if "NotImplementedError" in text:
                pytest.fail(f"{exercise_id}: {test.name.rsplit('.', 1)[-1]} is not written yet", pytrace=False)
            pytest.fail(f"{exercise_id}: a docstring example gives another result:\n{text}", pytrace=False)
