"""Item analysis of a cohort: facility, discrimination against the rest-score, and the flags.

Cohorts are built as ``mlkata grade`` writes them (``results_document`` per candidate); the end-to-end
case grades a tiny cohort with ``mlkata grade`` and reads cohort.json and cohort.html.
"""

import json

import numpy as np
import pytest

from mlkata import reports, results
from mlkata.analysis import (
    EVERYBODY_PASSES,
    NEGATIVE_DISCRIMINATION,
    NOBODY_PASSES,
    TOO_FEW,
    item_analysis,
)
from tests.test_grading_submissions import GOOD_DOUBLE, add_double_exercise, mlkata, write_submission
from tests.test_reports_inert import Page
from tests.test_similarity import disguised


def candidate(name: str, outcomes: dict[str, str], *, refused: str | None = None) -> dict:
    """A results document: ``outcomes`` maps ``exercise::test`` to an outcome; every test is worth 2 points."""
    records = [
        results.TestRecord(key.split("::")[0], key.split("::")[1], 2.0, 2.0 * (o == "passed"), o, "", name, 1)
        for key, o in outcomes.items()
    ]
    document = results.results_document(records, seed=1, implementation=name)
    document.update(candidate=name, refused=refused)
    return document


def cohort(rows: list[str], *, tests: tuple[str, ...] = ("a::one", "a::two", "b::one")) -> list[dict]:
    """A candidate per row, a character per test: ``p`` passed, ``x`` incorrect, ``-`` not attempted,
    ``g`` grader error."""
    outcome = {"p": "passed", "x": "incorrect", "-": "not attempted", "g": "grader error"}
    return [
        candidate(f"c{i}", {test: outcome[mark] for test, mark in zip(tests, row, strict=True)})
        for i, row in enumerate(rows)
    ]


def exercise(items: dict, exercise_id: str) -> dict:
    return next(e for e in items["exercises"] if e["id"] == exercise_id)


def grader_test(items: dict, exercise_id: str, name: str) -> dict:
    return next(t for t in exercise(items, exercise_id)["tests"] if t["test"] == name)


def test_facility_is_the_share_of_points_and_passed_the_share_with_all_of_them():
    items = item_analysis(cohort(["ppp", "pxp", "xxp", "ppx"]))
    assert items["candidates"] == 4 and items["not_submitted"] == 0
    a = exercise(items, "a")
    assert (a["facility"], a["passed"], a["possible"]) == (0.625, 0.5, 4.0)
    assert (grader_test(items, "a", "one")["facility"], grader_test(items, "a", "two")["facility"]) == (0.75, 0.5)
    assert [t["test"] for t in a["tests"]] == ["one", "two"]


def test_point_biserial_is_against_the_rest_score_not_the_total():
    rows = ["ppp", "ppx", "pxp", "xpp", "xxp", "xpx", "pxx", "xxx"]
    items = item_analysis(cohort(rows))
    item = [row[0] == "p" for row in rows]
    rest = [2.0 * (row[1:].count("p")) for row in rows]
    expected = np.corrcoef(item, rest)[0, 1]
    assert grader_test(items, "a", "one")["point_biserial"] == pytest.approx(expected, abs=1e-4)
    total = [2.0 * row.count("p") for row in rows]
    assert abs(np.corrcoef(item, total)[0, 1] - expected) > 0.3  # against the total it would look far better


def test_an_item_alone_in_varying_is_not_correlated_with_itself():
    items = item_analysis(cohort(["pp", "xp", "pp", "xp", "pp", "xp"], tests=("a::one", "b::one")))
    assert grader_test(items, "a", "one")["point_biserial"] is None  # the rest does not vary: nothing to say
    assert grader_test(items, "b", "one")["flags"] == [EVERYBODY_PASSES]


def test_upper_lower_compares_the_top_and_bottom_27_percent_by_total():
    # ten candidates, three in each group: a::one is passed by the top three and one of the bottom three
    rows = ["ppp", "ppp", "ppp", "xpp", "xpp", "xpp", "xpp", "pxx", "xxx", "xxx"]
    items = item_analysis(cohort(rows))
    assert grader_test(items, "a", "one")["upper_lower"] == pytest.approx(2 / 3, abs=1e-4)
    assert item_analysis(cohort(rows), group_share=0.5)["group_share"] == 0.5


def test_negative_discrimination_nobody_and_everybody_are_flagged():
    # a::one is passed only by the two weakest candidates, a::two by the three strongest
    four = ("a::one", "a::two", "b::one", "b::two")
    items = item_analysis(cohort(["xppp", "xppp", "xppx", "pxxx", "pxxx"], tests=four))
    assert NEGATIVE_DISCRIMINATION in grader_test(items, "a", "one")["flags"]
    assert grader_test(items, "a", "one")["point_biserial"] < 0
    assert grader_test(items, "a", "two")["flags"] == []
    uniform = item_analysis(cohort(["ppx"] * 5))
    assert grader_test(uniform, "a", "one")["flags"] == [EVERYBODY_PASSES]
    assert grader_test(uniform, "b", "one")["flags"] == [NOBODY_PASSES]


def test_too_few_candidates_say_nothing_about_discrimination():
    items = item_analysis(cohort(["ppp", "pxx", "xxx"]))
    one = grader_test(items, "a", "one")
    assert TOO_FEW in one["flags"] and one["point_biserial"] is None and one["upper_lower"] is None
    assert one["facility"] == pytest.approx(2 / 3, abs=1e-4)
    assert grader_test(item_analysis(cohort(["ppp", "pxx", "xxx"]), min_candidates=3), "a", "one")["upper_lower"] == 1.0


def test_not_submitted_counts_for_nothing_and_not_attempted_as_zero():
    gone = candidate("gone", {"a::one": "not attempted"}, refused="broken zip")
    documents = [*cohort(["ppp", "--p", "xxx"]), gone]
    items = item_analysis(documents)
    assert (items["candidates"], items["not_submitted"]) == (3, 1)
    a = exercise(items, "a")
    assert (a["candidates"], a["attempted"], a["facility"]) == (3, 2, pytest.approx(1 / 3, abs=1e-4))


def test_a_grader_error_leaves_that_candidate_out_of_the_test_and_its_exercise():
    items = item_analysis(cohort(["ppp", "gxp", "xxp"]))
    assert grader_test(items, "a", "one")["candidates"] == 2 and grader_test(items, "a", "two")["candidates"] == 3
    assert exercise(items, "a")["candidates"] == 2 and exercise(items, "b")["candidates"] == 3


def test_an_empty_cohort_has_no_items():
    assert item_analysis([])["exercises"] == []


@pytest.mark.parametrize(
    ("documents", "options", "message"),
    [
        ([], {"min_candidates": 1}, "min_candidates must be an integer of at least 2"),
        ([], {"group_share": 0.6}, r"group_share must be in \(0, 0.5\]"),
        ({"exercises": []}, {}, "expected a list of results documents"),
        ([{"exercises": []}, {"seed": 1}], {}, "results document 2 has no exercises list"),
        ([{"exercises": [{"id": "a", "tests": [{"test": "t"}]}]}], {}, "exercise a lacks earned, possible or status"),
    ],
)
def test_bad_input_is_refused_with_what_was_wrong(documents, options, message):
    with pytest.raises(ValueError, match=message):
        item_analysis(documents, **options)


def test_the_cohort_report_shows_the_item_analysis():
    page = reports.cohort_html(cohort(["ppp", "pxp", "xxp"]))
    text = "".join(Page(page).text)
    assert "Item analysis" in text and TOO_FEW in text and "0.67" in text


LONG_ADD = '''
def _digits(number):
    """The number as a list of its parts."""
    parts = []
    remaining = number
    while remaining != 0 and len(parts) < 3:
        parts.append(remaining)
        remaining = remaining - remaining
    return parts


def add(a, b):
    total = 0
    for value in _digits(a) + _digits(b):
        if value is not None:
            total = total + value
        else:
            total = total - 0
    checked = [x for x in (a, b) if x == x]
    return total if len(checked) == 2 else float("nan")
'''

OTHER_ADD = "import operator\n\n\ndef add(a, b):\n    return operator.add(a, b)\n"


@pytest.fixture
def kit(tiny_kit):
    return add_double_exercise(tiny_kit)


@pytest.mark.slow
def test_grading_a_cohort_writes_the_items_and_the_similar_pair(kit, tmp_path):
    cohort_folder = tmp_path / "cohort"
    write_submission(cohort_folder / "ana", LONG_ADD)
    write_submission(cohort_folder / "ben", disguised(LONG_ADD, keep=("add",)))
    write_submission(cohort_folder / "cara", OTHER_ADD)
    write_submission(cohort_folder / "dan", (kit / "exercises/evaluation/add.py").read_text(), None)
    write_submission(cohort_folder / "eve", (kit / "solutions/evaluation/add.py").read_text(), GOOD_DOUBLE)
    (cohort_folder / "zed.zip").write_bytes(b"not a zip")
    out = tmp_path / "grades"
    run = mlkata(kit, "grade", cohort_folder, "--out", out, "--isolation", "none", "--seed", "4")
    assert run.returncode == 0, run.stderr
    document = json.loads((out / "cohort.json").read_text())
    assert document["seed"] == 4 and document["schema"] == 1
    items = document["items"]
    assert (items["candidates"], items["not_submitted"]) == (5, 1)
    add, double = exercise(items, "evaluation/add"), exercise(items, "evaluation/double")
    assert add["attempted"] == 4 and add["passed"] == 0.8
    assert (double["attempted"], double["facility"]) == (4, 0.8)
    assert [t["test"] for t in add["tests"]][:2] == ["test_adds", "test_adds_negatives"]
    [pair] = document["similar"]
    assert pair["exercise"] == "evaluation/add" and pair["candidates"] == ["ana", "ben"]
    assert pair["lines"][0] and pair["lines"][1]
    page = (out / "cohort.html").read_text()
    assert "Item analysis" in page and page.count("<mark>") >= 2
