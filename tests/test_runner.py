"""The boundary between graders and candidate code: ``Implementation`` on files in a temporary tree."""

import time

import pytest

from mlkata.checks import GradeFailure, cpu_time, expect_fast
from mlkata.layout import Exercise
from mlkata.runner import CallOverBudget, CandidateError, Implementation, NotAttempted, Target, cpu_budget


@pytest.fixture
def implementation(tmp_path):
    def make(source: str | None) -> Implementation:
        folder = tmp_path / "answers" / "evaluation"
        folder.mkdir(parents=True, exist_ok=True)
        if source is not None:
            (folder / "mean.py").write_text(source)
        exercise = Exercise(root=tmp_path, topic="evaluation", name="mean")
        return Implementation(exercise, Target(label="answers", root=tmp_path / "answers"))

    return make


def test_arguments_are_copies(implementation):
    impl = implementation("def mean(values):\n    values.append(0)\n    return sum(values) / len(values)\n")
    data = [1.0, 2.0]
    assert impl.mean(data) == 1.0
    assert data == [1.0, 2.0]


def test_a_missing_file_and_not_implemented_are_not_attempted(implementation):
    with pytest.raises(NotAttempted):
        implementation(None).mean([1])
    with pytest.raises(NotAttempted, match="not written yet"):
        implementation("def mean(values):\n    raise NotImplementedError\n").mean([1])


def test_a_crash_is_a_candidate_error_carrying_the_original(implementation):
    with pytest.raises(CandidateError, match="ZeroDivisionError") as failure:
        implementation("def mean(values):\n    return sum(values) / len(values)\n").mean([])
    assert isinstance(failure.value.original, ZeroDivisionError)


def test_raises_returns_the_expected_error_or_none(implementation):
    impl = implementation(
        "def mean(values):\n"
        "    if not values:\n"
        "        raise ValueError('empty')\n"
        "    return sum(values) / len(values)\n"
    )
    assert isinstance(impl.raises(ValueError, "mean", []), ValueError)
    assert impl.raises(ValueError, "mean", [1]) is None


def test_raising_the_wrong_error_is_incorrect_not_a_crash(implementation):
    impl = implementation("def mean(values):\n    return sum(values) / len(values)\n")
    with pytest.raises(GradeFailure, match="raised ZeroDivisionError where its docstring asks for ValueError"):
        impl.raises(ValueError, "mean", [])


def test_raises_still_reports_a_module_that_does_not_import(implementation):
    with pytest.raises(CandidateError, match="does not compile"):
        implementation("def mean(values:\n").raises(ValueError, "mean", [])


SLEEPS_THEN_SPINS = (
    "import time\n\n\ndef mean(values):\n    time.sleep(0.3)\n    until = time.process_time() + 0.2\n"
    "    while time.process_time() < until:\n        pass\n    return sum(values) / len(values)\n"
)


def test_speed_is_judged_on_the_calls_cpu_time_not_the_wall_clock(implementation):
    impl = implementation(SLEEPS_THEN_SPINS)
    impl.mean([1.0])  # imported once, outside the measurement
    spent = cpu_time(lambda: impl.mean([1.0, 2.0]))
    assert 0.15 < spent < 0.3, "the sleep (no CPU) must not count, the spin must"
    busy_grader = cpu_time(lambda: sum(range(200_000)))  # a closure that calls no graded code: its own CPU time
    assert busy_grader > 0


SPINS_FOR_A_MINUTE = (
    "import time\n\nuntil = time.process_time() + 0.3  # a slow import, which no call's time includes\n"
    "while time.process_time() < until:\n    pass\n\n\n"
    "def mean(values):\n    until = time.process_time() + 60\n    while time.process_time() < until:\n        pass\n"
    "    return sum(values) / len(values)\n"
)


def test_a_timed_call_far_too_slow_is_cut_short_and_fails(implementation):
    impl = implementation(SPINS_FOR_A_MINUTE)
    started = time.perf_counter()
    with pytest.raises(GradeFailure, match="more than 30 times as long as a reference solution"):
        expect_fast(lambda: impl.mean([1.0]), lambda: cpu_spin(0.01), ratio=10, what="mean")
    assert time.perf_counter() - started < 10, "the call ran on past the time that could still pass"
    with cpu_budget(0.05), pytest.raises(CallOverBudget):
        implementation("def mean(values):\n    while True:\n        pass\n").mean([1.0])


def cpu_spin(seconds: float) -> None:
    until = time.process_time() + seconds
    while time.process_time() < until:
        pass


def test_a_modules_import_is_not_part_of_a_calls_time(implementation):
    impl = implementation(SPINS_FOR_A_MINUTE.replace("+ 60", "+ 0.05"))
    assert cpu_time(lambda: impl.mean([1.0])) < 0.25, "the 0.3 s import counted as the call's time"


def test_a_call_that_modifies_the_callers_data_is_caught(implementation):
    import pandas as pd

    from mlkata.checks import expect_arguments_unchanged

    frame = pd.DataFrame({"x": [3.0, 1.0, 2.0]})
    tidy = implementation("def mean(frame):\n    return float(frame.sort_values('x')['x'].mean())\n")
    assert expect_arguments_unchanged(tidy, "mean", frame) == 2.0
    messy = implementation("def mean(frame):\n    frame.loc[0, 'x'] = 0.0\n    return float(frame['x'].mean())\n")
    with pytest.raises(GradeFailure, match="modified its argument 1"):
        expect_arguments_unchanged(messy, "mean", frame)
    adds = implementation("def mean(frame):\n    frame['y'] = 1\n    return float(frame['x'].mean())\n")
    with pytest.raises(GradeFailure, match="modified its argument 'frame'"):
        expect_arguments_unchanged(adds, "mean", frame=frame)
    assert list(frame.columns) == ["x"] and frame["x"].tolist() == [3.0, 1.0, 2.0]
