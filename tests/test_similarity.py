"""Similar answers: a disguised copy is flagged, independent answers are not, and the report stays inert.

The kit's own answers are the variety: each exercise's solution and its alternatives are independent
correct answers, and a copy of the solution with every name changed, its functions in reverse order
and its comments and docstrings rewritten is the copy the fingerprints must see through.
"""

import ast
import builtins
import io
import json
import keyword
import tokenize
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mlkata import layout, reports
from mlkata.cohort import write_cohort
from mlkata.results import safe_text
from mlkata.similarity import Match, fingerprint, normalised_tokens, read_answers, similar_pairs
from mlkata.submissions import Submission
from tests.conftest import REPO
from tests.test_reports_in_browser import open_page
from tests.test_reports_inert import ANY_TEXT, ATTRIBUTES, HOSTILE, TAGS, Page, document
from tests.test_reports_inert import cohort as hostile_cohort

EXERCISES = layout.discover(REPO)
WITH_ALTERNATIVES = [e for e in EXERCISES if e.alternatives]


def disguised(source: str, *, keep: tuple[str, ...] = ()) -> str:
    """``source`` as a copier hands it in: top-level functions and classes in reverse order, every name the
    module defines renamed (but those in ``keep``), comments and docstrings reworded."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    blocks = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    spans = [(min([n.lineno, *(d.lineno for d in n.decorator_list)]) - 1, n.end_lineno) for n in blocks]
    if spans:
        pieces = ["".join(lines[start:end]) for start, end in spans]
        source = "".join(lines[: spans[0][0]]) + "\n\n".join(reversed(pieces)) + "\n" + "".join(lines[spans[-1][1] :])
    renamed: dict[str, str] = {}
    tokens = []
    previous = ""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        text = token.string
        if token.type == tokenize.NAME and not keyword.iskeyword(text) and previous != ".":
            if text not in dir(builtins) and text not in keep:
                text = renamed.setdefault(text, f"my_{len(renamed)}")
        elif token.type == tokenize.COMMENT:
            text = "# my own work"
        elif token.type == tokenize.STRING and text.startswith(('"""', "'''")):
            text = '"""Written from scratch."""'
        tokens.append(token._replace(string=text))
        previous = token.string
    return tokenize.untokenize(tokens)


def stubs(exercises: list[layout.Exercise]) -> dict[str, str]:
    return {e.id: e.stub.read_text() for e in exercises}


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_a_copy_with_renamed_variables_and_reordered_functions_is_flagged(exercise):
    original = exercise.solution.read_text()
    copy = disguised(original)
    assert normalised_tokens(copy) != normalised_tokens(original)  # the disguise changed the order
    answers = {"original": {exercise.id: original}, "copy": {exercise.id: copy}}
    answers |= {p.stem: {exercise.id: p.read_text()} for p in exercise.alternatives}
    [match] = similar_pairs(answers, stubs([exercise]))
    assert (match.first, match.second) == ("copy", "original")
    assert match.containment >= 0.6 and match.first_lines and match.second_lines


@pytest.mark.parametrize("exercise", WITH_ALTERNATIVES, ids=lambda e: e.id)
def test_independent_correct_answers_to_the_same_exercise_are_not_flagged(exercise):
    answers = {"solution": {exercise.id: exercise.solution.read_text()}}
    answers |= {p.stem: {exercise.id: p.read_text()} for p in exercise.alternatives}
    assert similar_pairs(answers, stubs([exercise])) == []


def test_the_kit_has_enough_independent_answers_to_measure_on():
    assert len(WITH_ALTERNATIVES) >= 20 and sum(len(e.alternatives) for e in WITH_ALTERNATIVES) >= 25


def test_the_starting_code_is_discounted():
    exercise = next(e for e in EXERCISES if e.id == "trees/best_split")
    stub = exercise.stub.read_text()
    # two candidates who kept the stub and wrote the same short line: without the discount, a copy
    answers = {name: {exercise.id: stub.replace("raise NotImplementedError", "return 0, 0.0  #")} for name in "ab"}
    assert similar_pairs(answers, {}) != []
    assert similar_pairs(answers, stubs([exercise])) == []


def test_code_most_of_the_cohort_writes_is_discounted_but_a_pair_never_is():
    source = next(e for e in EXERCISES if e.id == "trees/best_split").solution.read_text()
    everybody = {name: {"trees/best_split": source} for name in "abcdef"}
    assert similar_pairs(everybody, {}) == []
    assert len(similar_pairs(everybody, {}, common_share=1.0)) == 15
    assert [(m.first, m.second) for m in similar_pairs({"a": everybody["a"], "b": everybody["b"]}, {})] == [("a", "b")]


def test_comments_docstrings_imports_names_and_literals_do_not_change_the_tokens():
    plain = "def f(x):\n    return x * 2 + len('a')\n"
    dressed = (
        '"""A module."""\nimport numpy as np\nfrom os import path  # why not\n\n\n'
        'def g(value):\n    """Doubles."""\n    # a comment\n    return value * 3 + len("zzz")\n'
    )
    assert [t for t, _ in normalised_tokens(plain)] == [t for t, _ in normalised_tokens(dressed)]
    assert "len" in [t for t, _ in normalised_tokens(plain)]  # builtins are the language's, not the candidate's


def test_the_matching_lines_are_those_of_the_copied_function():
    copied = next(e for e in EXERCISES if e.id == "trees/best_split").solution.read_text()
    start = copied.index("def _best_on_feature")
    function = copied[start : copied.index("### END SOLUTION", start)]
    own = "def other(rows):\n    total = 0\n    for row in rows:\n        total += row\n    return total\n"
    before = own * 3 + "\n\n"
    [match] = similar_pairs({"a": {"x": before + function}, "b": {"x": disguised(function)}}, {})
    first_line_of_function = before.count("\n") + 1
    assert match.first_lines and all(first >= first_line_of_function for first, _ in match.first_lines)
    assert match.second_lines[0][0] <= 2 and match.second_lines[-1][1] >= function.count("\n") - 3


def test_a_match_reads_as_cohort_json_holds_it():
    match = Match("trees/best_split", "ana", "ben", 0.8123, 9, ((3, 5),), ((1, 2), (7, 9)))
    assert match.to_json({"ana": "Ana", "ben": "Ben"}) == {
        "exercise": "trees/best_split",
        "folders": ["ana", "ben"],
        "candidates": ["Ana", "Ben"],
        "containment": 0.812,
        "matched": 9,
        "lines": [[[3, 5]], [[1, 2], [7, 9]]],
    }


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("threshold", 0, "threshold must be in (0, 1]"),
        ("threshold", 1.5, "threshold must be in (0, 1]"),
        ("min_matched", 0, "min_matched must be at least 1"),
        ("common_share", 0, "common_share must be in (0, 1]"),
    ],
)
def test_options_out_of_range_are_refused_with_the_range(option, value, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace("]", r"\]")):
        similar_pairs({}, {}, **{option: value})


@settings(max_examples=80, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=300))
@example("def f(:\n  x")
@example('"""never closed')
@example("if x:\n  y\n z\n")
@example("x = 1\x00\n\udcff = '\\\n")
def test_any_text_is_fingerprinted_without_an_error(source):
    fingerprint(source)
    similar_pairs({"a": {"x": source}, "b": {"x": source + "\n"}}, {"x": source})


def test_a_submissions_answers_are_read_without_running_them_and_size_capped(tmp_path):
    exercise = EXERCISES[0]
    folder = tmp_path / "ana"
    (folder / exercise.topic).mkdir(parents=True)
    marker = tmp_path / "ran"
    answer = f"open({str(marker)!r}, 'w').close()\n"
    (folder / exercise.relative_module).write_text(answer)
    (folder / EXERCISES[1].relative_module).parent.mkdir(parents=True, exist_ok=True)
    (folder / EXERCISES[1].relative_module).write_text("x = 1\n" * 100)
    submission = Submission("ana", folder)
    assert read_answers(submission, EXERCISES, max_bytes=500) == {exercise.id: answer}
    assert not marker.exists()
    assert read_answers(Submission("gone", tmp_path / "missing.zip"), EXERCISES) == {}


SIMILAR_TAGS = TAGS | {"h3", "mark"}


def hostile_similarity(test):
    for name, message in HOSTILE:
        test = example(name=name, code=message)(test)
    return settings(max_examples=40, deadline=None)(given(name=ANY_TEXT, code=ANY_TEXT)(test))


@hostile_similarity
def test_similar_answers_in_the_cohort_report_stay_inert(name, code):
    documents = hostile_cohort(name, code)
    for document_, folder in zip(documents, ("alice", "x"), strict=True):
        document_["folder"] = folder
    pair = Match("evaluation/add", "alice", "x", 1.0, 7, ((1, 1),), ((1, 2),)).to_json({"alice": "alice", "x": name})
    answers = {"alice": {"evaluation/add": "def add(a, b):\n    return a + b\n"}, "x": {"evaluation/add": code}}
    page = reports.cohort_html(documents, similar=[pair], answers=answers)
    page.encode("utf-8")
    parsed = Page(page)
    assert {tag for tag, _ in parsed.tags} <= SIMILAR_TAGS
    assert {key for _, attrs in parsed.tags for key in attrs} <= ATTRIBUTES
    text = "".join(parsed.text)
    assert safe_text(name) in text
    for line in safe_text(code).split("\n")[:2]:  # each line of the code shown as text, numbered
        assert line in text
    assert [tag for tag, _ in parsed.tags].count("mark") == min(2, len(code.split("\n"))) + 1


def test_the_cohort_files_name_the_similar_pair_and_show_it_side_by_side(tmp_path):
    exercise = next(e for e in EXERCISES if e.id == "trees/best_split")
    original = exercise.solution.read_text()
    answers = {"ana": original, "ben": disguised(original), "cara": exercise.alternatives[0].read_text()}
    documents, submissions = [], {}
    for name, text in answers.items():
        (tmp_path / name / exercise.topic).mkdir(parents=True)
        (tmp_path / name / exercise.relative_module).write_text(text)
        submissions[name] = Submission(name, tmp_path / name)
        graded = document(name, "")
        graded.update(folder=name, refused=None)
        documents.append(graded)
    out = tmp_path / "out"
    out.mkdir()
    (out / "cohort.json").write_text(json.dumps({"schema": 1, "seed": 11}))
    write_cohort(out, documents, ("csv", "html"), submissions=submissions, exercises=[exercise])
    cohort = json.loads((out / "cohort.json").read_text())
    assert cohort["seed"] == 11 and cohort["items"]["candidates"] == 3
    [pair] = cohort["similar"]
    assert pair["folders"] == pair["candidates"] == ["ana", "ben"] and pair["exercise"] == exercise.id
    page = (out / "cohort.html").read_text()
    assert "Similar answers" in page and page.count('<table class="side">') == 1 and "<mark>" in page


def test_without_the_submissions_nothing_is_compared(tmp_path):
    write_cohort(tmp_path, [{**document("ana", ""), "folder": "ana"}], ("html",))
    assert json.loads(Path(tmp_path, "cohort.json").read_text())["similar"] == []


@pytest.mark.slow
def test_the_side_by_side_view_renders_in_a_browser_without_console_messages(tmp_path):
    exercise = next(e for e in EXERCISES if e.id == "trees/best_split")
    original = exercise.solution.read_text()
    copy = disguised(original) + "\n# </pre><script>console.error('ran')</script>\n"
    [match] = similar_pairs({"ana": {exercise.id: original}, "ben": {exercise.id: copy}}, stubs([exercise]))
    documents = [{**document(name, ""), "folder": name, "refused": None} for name in ("ana", "ben")]
    answers = {"ana": {exercise.id: original}, "ben": {exercise.id: copy}}
    page = tmp_path / "cohort.html"
    page.write_text(reports.cohort_html(documents, similar=[match.to_json({})], answers=answers))
    dom, console = open_page(page, tmp_path / "profile", tmp_path / "cohort.png")
    assert console == []
    assert dom.count('<table class="side">') == 1 and dom.count("<mark>") >= 10 and "<script>" not in dom
