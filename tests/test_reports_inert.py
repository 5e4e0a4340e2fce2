"""Every report stays inert and every writer total, whatever a candidate's name and messages hold."""

import csv
import io
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mlkata import reports, results
from mlkata.results import results_document, safe_text, write_json_atomically, write_text_atomically

# any code point, lone surrogates included (file names that do not decode bring them)
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)
HOSTILE = [
    ("javascript:alert(1)", "</pre><script>alert(1)</script>"),
    ("=1336+1", '=HYPERLINK("http://x.example","ok")'),
    ("<img src=x onerror=alert(1)>", "]]><!-- \x00\x07\x0b\x0c\x1b[31m red \x9b \ufffe\uffff"),
    ('"><script>alert(1)</script>', "a lone surrogate \udcff and another \ud800 in a message"),
    ("bad\udcffname", "line\r\nbreaks\rand\nmore\u2028\u2029"),
    ("data:text/html,<script>alert(1)</script>", "x" * 50_000),
    ("java\tscript:alert(1)", "@SUM(A1)"),
    ("//evil.example/x", "-1"),
    ("", ""),
    ("-1", "+1"),
    ("\tname", "\r=1"),
]

TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table", "tr", "th", "td", "a", "pre"}
TAGS |= {"svg", "rect", "text"}
ATTRIBUTES = {"lang", "charset", "class", "style", "href", "id", "title", "xmlns", "width", "height", "role"}
ATTRIBUTES |= {"aria-label", "x", "y", "fill", "font-size"}
NUMBER_COLUMNS = slice(1, -2)  # the name first, the commit and the note last: the columns between are points
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def hostile(test):
    """Run ``test(name, message)`` on every hostile pair above and on generated text."""
    for name, message in HOSTILE:
        test = example(name=name, message=message)(test)
    return settings(max_examples=60, deadline=None)(given(name=ANY_TEXT, message=ANY_TEXT)(test))


def document(name: str, message: str) -> dict:
    """A candidate's results document as ``mlkata grade`` makes it, the candidate's text in every free field."""

    def record(exercise, test, points, earned, outcome, text):
        return results.TestRecord(exercise, test, points, earned, outcome, text, name, 11)

    records = [
        record("evaluation/add", "test_adds", 3.0, 0.0, "error", message),
        record("evaluation/add", "test_adds_negatives", 1.0, 1.0, "passed", ""),
        record("trees/best_split", "test_split", 2.5, 0.0, "incorrect", message),
    ]
    result = results_document(records, seed=11, implementation=name)
    result.update(candidate=name, refused=message or None, submission={"kind": "zip", "digest": None})
    result["isolation"] = [message]
    return result


def cohort(name: str, message: str) -> list[dict]:
    return [document("alice", ""), document(name, message)]


class Page(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def check_page(page: str, *, shown: list[str]) -> list[str]:
    """Check ``page`` has only the report's own tags and attributes and shows each of ``shown``; its links."""
    page.encode("utf-8")  # no lone surrogate
    parsed = Page(page)
    assert {tag for tag, _ in parsed.tags} <= TAGS
    assert {key for _, attrs in parsed.tags for key in attrs} <= ATTRIBUTES
    text = "".join(parsed.text)
    for value in shown:
        assert safe_text(value) in text
    return [attrs["href"] for _, attrs in parsed.tags if "href" in attrs]


@hostile
def test_a_candidate_report_escapes_everything_and_links_only_within_itself(name, message):
    document_ = document(name, message)
    links = check_page(reports.candidate_html(document_), shown=[name, message])
    assert links == ["#evaluation/add", "#trees/best_split"]


@hostile
def test_the_cohort_report_links_each_name_only_as_a_relative_path(name, message):
    links = check_page(reports.cohort_html(cohort(name, message)), shown=["alice", name])
    assert links[0] == "alice/report.html"
    # percent-encoded: no scheme, host or path separator can form, and it names the candidate's folder
    assert re.fullmatch(r"[A-Za-z0-9_.~%-]+/report\.html", links[1])
    assert unquote(links[1]) == f"{safe_text(name) or '.'}/report.html"


@hostile
def test_the_gradebook_starts_no_formula_and_keeps_numbers(name, message):
    rows = list(csv.reader(io.StringIO(reports.gradebook_csv(cohort(name, message)), newline="")))
    header, alice, candidate = rows
    assert len(alice) == len(candidate) == len(header)
    for row in (alice, candidate):
        assert [float(cell) for cell in row[NUMBER_COLUMNS] if cell]
        assert not any(row[i].startswith(FORMULA_STARTS) for i in (0, -1))
    note = safe_text(message) if message else "error in evaluation/add"  # a refusal, else the exercises that raised
    assert candidate[0] in (safe_text(name), "'" + safe_text(name)) and candidate[-1] in (note, "'" + note)
    assert candidate[1:-1] == ["1", "0", "1", "6.5", ""]


@hostile
def test_junit_xml_parses_and_keeps_the_text(name, message):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "junit.xml")
        write_text_atomically(path, reports.junit_xml(document(name, message)))
        suites = ElementTree.parse(path).getroot()
    assert suites.get("name") == safe_text(name) or (not name and suites.get("name") == "")
    failures = [case[0] for case in suites.iter("testcase") if len(case)]
    assert [f.tag for f in failures] == ["error", "failure"]
    # an XML parser reads a carriage return in text as a newline
    assert all((f.text or "") == safe_text(message).replace("\r\n", "\n").replace("\r", "\n") for f in failures)


@hostile
def test_json_documents_are_utf8_and_free_of_lone_surrogates(name, message):
    document_ = document(name, message)
    with tempfile.TemporaryDirectory() as folder:
        for file, content in [("results.json", document_), ("gradescope.json", reports.gradescope_results(document_))]:
            path = Path(folder, file)
            write_json_atomically(path, content)
            loaded = json.loads(path.read_bytes().decode("utf-8"))
            json.dumps(loaded, ensure_ascii=False).encode("utf-8")  # a \udcff escape would decode to a lone surrogate
            assert not UNSAFE.search(json.dumps(loaded, ensure_ascii=False))
    assert loaded["tests"][0]["output"].endswith(safe_text(message) if message else "error")
    assert reports.gradescope_results(document_)["tests"][1]["score"] == 0.0


@given(ANY_TEXT)
@example("\x00\x07\t\n\r\x1b\x7f\x9f\ud800\udcff\ufffe\uffff\U0001f600")
def test_safe_text_leaves_nothing_unsafe_and_changes_nothing_safe(text):
    made_safe = safe_text(text)
    assert not UNSAFE.search(made_safe)
    assert safe_text(made_safe) == made_safe
    assert (made_safe == text) == (not UNSAFE.search(text))


def test_safe_text_writes_what_it_replaces_as_a_visible_escape():
    assert safe_text("a\x07b\x1b[0m\udcff\t\n") == "a\\x07b\\x1b[0m\\udcff\t\n"


def test_an_error_never_looks_like_no_attempt():
    def record(exercise, outcome):
        return results.TestRecord(exercise, "test_it", 2.0, 0.0, outcome, "", "bo", 3)

    graded = results_document(
        [record("evaluation/add", "error"), record("trees/best_split", "not attempted")], seed=3, implementation="bo"
    )
    graded.update(candidate="bo", refused=None, submission={"kind": "git", "digest": "d", "commit": "c0ffee"})
    [_, row] = list(csv.reader(io.StringIO(reports.gradebook_csv([graded]), newline="")))
    assert row[1:3] == ["0", ""], "error earns 0, not attempted is blank"
    assert row[-2:] == ["c0ffee", "error in evaluation/add"]
    cells = [text for text in Page(reports.cohort_html([graded])).text if text in ("error", "\u2013")]
    assert cells == ["error", "\u2013"]
