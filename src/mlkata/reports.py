"""One result model, many formats: a candidate's results document rendered as JUnit XML, Gradescope's
results.json and HTML; a cohort's as a CSV gradebook and an HTML overview.

Every renderer reads the results document of docs/results.md and nothing else. Everything in it may be
the candidate's choice (the name, every message), so each renderer first passes it through
``results.safe_data`` and then escapes for its format: HTML-escaped text, links only to relative paths,
spreadsheet cells that cannot start a formula.
"""

from __future__ import annotations

import csv
import html
import io
from urllib.parse import quote
from xml.etree import ElementTree

from mlkata.analysis import item_analysis
from mlkata.results import ERROR, NOT_ATTEMPTED, safe_data

FORMATS = ("json", "csv", "junit", "gradescope", "html")

_COLOURS = {
    "passed": "#2e7d32",
    "incorrect": "#c62828",
    "error": "#c62828",
    "grader error": "#6a1b9a",
    "not attempted": "#9e9e9e",
    "not submitted": "#616161",
}


def _candidate(document: dict) -> str:
    return document.get("candidate") or document["implementation"]


def totals(document: dict) -> tuple[float, float]:
    exercises = document["exercises"]
    return sum(e["earned"] for e in exercises), sum(e["possible"] for e in exercises)


def junit_xml(document: dict) -> str:
    """JUnit XML: a test suite per exercise, a test case per grader test; points in properties."""
    document = safe_data(document)
    suites = ElementTree.Element("testsuites", name=_candidate(document))
    for exercise in document["exercises"]:
        tests = exercise["tests"]
        failed = [t for t in tests if t["outcome"] in ("incorrect", "not attempted")]
        errors = [t for t in tests if t["outcome"] in ("error", "grader error")]
        suite = ElementTree.SubElement(
            suites,
            "testsuite",
            name=exercise["id"],
            tests=str(len(tests)),
            failures=str(len(failed)),
            errors=str(len(errors)),
            skipped="0",
        )
        properties = ElementTree.SubElement(suite, "properties")
        for key in ("earned", "possible", "status"):
            ElementTree.SubElement(properties, "property", name=key, value=str(exercise[key]))
        for test in tests:
            case = ElementTree.SubElement(suite, "testcase", classname=exercise["id"], name=test["test"])
            if test["outcome"] == "passed":
                continue
            tag = "error" if test in errors else "failure"
            element = ElementTree.SubElement(
                case,
                tag,
                type=test["outcome"],
                message=test["message"].splitlines()[0] if test["message"] else test["outcome"],
            )
            element.text = test["message"]
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def gradescope_results(document: dict) -> dict:
    """Gradescope's autograder results.json: a test per exercise, with the failing tests' messages."""
    document = safe_data(document)
    tests = []
    for exercise in document["exercises"]:
        lines = [
            f"{t['test']}: {t['outcome']}" + (f"\n{t['message']}" if t["message"] else "")
            for t in exercise["tests"]
            if t["outcome"] != "passed"
        ]
        tests.append(
            {
                "name": exercise["id"],
                "score": exercise["earned"],
                "max_score": exercise["possible"],
                "status": "passed" if exercise["status"] == "passed" else "failed",
                "output": "\n\n".join(lines) or "All graders passed.",
            }
        )
    earned, _ = totals(document)
    return {"score": earned, "tests": tests, "visibility": "visible", "output": f"Graded with seed {document['seed']}."}


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_text(cell: str) -> str:
    """A text cell that a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def gradebook_csv(documents: list[dict]) -> str:
    """A row per candidate, a column of points per exercise, then the total and the possible."""
    documents = safe_data(documents)
    exercises = sorted({e["id"] for d in documents for e in d["exercises"]})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; it also quotes a cell holding a lone \r
    writer.writerow(["candidate", *map(_spreadsheet_text, exercises), "total", "possible", "commit", "note"])
    for document in documents:
        by_id = {e["id"]: e for e in document["exercises"]}
        earned, possible = totals(document)
        # a blank cell: not attempted; 0: attempted and earned nothing (the note says which raised errors)
        row = [
            f"{by_id[x]['earned']:g}" if x in by_id and by_id[x]["status"] != NOT_ATTEMPTED else "" for x in exercises
        ]
        errors = [x for x in exercises if x in by_id and by_id[x]["status"] == ERROR]
        note = document.get("refused") or (f"error in {', '.join(errors)}" if errors else "")
        commit = (document.get("submission") or {}).get("commit") or ""
        name = _spreadsheet_text(_candidate(document))
        writer.writerow([name, *row, f"{earned:g}", f"{possible:g}", commit, _spreadsheet_text(note)])
    return buffer.getvalue()


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #212121; max-width: 75rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 1rem 0; } th, td { padding: .35rem .6rem; text-align: left; }
th { border-bottom: 2px solid #bdbdbd; } td { border-bottom: 1px solid #eeeeee; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.cell { color: white; text-align: center; min-width: 3rem; font-variant-numeric: tabular-nums; }
.status { font-weight: 600; } pre { white-space: pre-wrap; margin: 0; font-size: .85rem; }
.meta { color: #616161; font-size: .9rem; } .refused { color: #c62828; font-weight: 600; }
tr.item td { font-weight: 600; border-top: 1px solid #bdbdbd; } td.test { padding-left: 1.6rem; }
td.flags { color: #c62828; } table.side { width: 100%; table-layout: fixed; } table.side td { width: 50%; }
pre.code { white-space: pre; overflow-x: auto; } pre.code mark { background: #ffe082; }
"""


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body>\n{body}\n</body></html>\n"
    )


def _share_colour(earned: float, possible: float) -> str:
    """Red through amber to green with the share of points earned."""
    share = earned / possible if possible else 0.0
    red, green = (int(198 - 152 * share), int(40 + 85 * share))
    return f"rgb({red},{green},50)"


# not attempted and error must never look alike: one is a blank, the other code that failed
_CELL_MARK = {NOT_ATTEMPTED: ("#bdbdbd", "\u2013"), ERROR: ("#6a1b9a", "error")}


def _heat_cell(exercise: dict) -> str:
    colour, text = _CELL_MARK.get(exercise["status"], (None, f"{exercise['earned']:g}"))
    colour = colour or _share_colour(exercise["earned"], exercise["possible"])
    title = f"{exercise['status']}: {exercise['earned']:g}/{exercise['possible']:g}"
    return f'<td class="cell" style="background:{colour}" title="{html.escape(title)}">{html.escape(text)}</td>'


def _report_link(name: str) -> str:
    """The cohort page's relative link to a candidate's report, in the folder named after the candidate;
    percent-encoding every character that could make it a scheme, a host or a path of its own."""
    return f"{quote(name, safe='') or '.'}/report.html"  # an empty name's folder is the cohort's own


def candidate_html(document: dict) -> str:
    document = safe_data(document)
    name = _candidate(document)
    earned, possible = totals(document)
    parts = [
        f"<h1>{html.escape(name)}: {earned:g} of {possible:g} points</h1>",
        f'<p class="meta">Seed {document["seed"]}; isolation: '
        f"{html.escape(', '.join(document.get('isolation') or ['none']))}.</p>",
    ]
    if document.get("refused"):
        parts.append(f'<p class="refused">Not graded: {html.escape(document["refused"])}</p>')
    parts.append("<table><tr><th>exercise</th><th>status</th><th>points</th></tr>")
    for exercise in document["exercises"]:
        colour = _COLOURS.get(exercise["status"], "#212121")
        parts.append(
            f'<tr><td><a href="#{html.escape(exercise["id"])}">{html.escape(exercise["id"])}</a></td>'
            f'<td class="status" style="color:{colour}">{html.escape(exercise["status"])}</td>'
            f'<td class="num">{exercise["earned"]:g}/{exercise["possible"]:g}</td></tr>'
        )
    parts.append("</table>")
    for exercise in document["exercises"]:
        parts.append(f'<h2 id="{html.escape(exercise["id"])}">{html.escape(exercise["id"])}</h2><table>')
        for test in exercise["tests"]:
            colour = _COLOURS.get(test["outcome"], "#212121")
            parts.append(
                f"<tr><td>{html.escape(test['test'])}</td>"
                f'<td class="status" style="color:{colour}">{html.escape(test["outcome"])}</td>'
                f'<td class="num">{test["earned"]:g}/{test["points"]:g}</td>'
                f"<td><pre>{html.escape(test['message'])}</pre></td></tr>"
            )
        parts.append("</table>")
    return _page(f"mlkata: {name}", "\n".join(parts))


def _histogram_svg(shares: list[float], bins: int = 10) -> str:
    counts = [0] * bins
    for share in shares:
        counts[min(int(share * bins), bins - 1)] += 1
    width, height, bar = 420, 160, 40
    top = max(counts) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 30}" '
        'role="img" aria-label="histogram of total scores">'
    ]
    for i, count in enumerate(counts):
        h = round(height * count / top)
        parts.append(
            f'<rect x="{10 + i * bar}" y="{height - h}" width="{bar - 4}" height="{h}" fill="#1565c0">'
            f"<title>{i * 10}-{(i + 1) * 10}%: {count}</title></rect>"
        )
        parts.append(f'<text x="{10 + i * bar}" y="{height + 14}" font-size="10">{i * 10}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def _statistic(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _item_row(label: str, item: dict, *, test: bool) -> str:
    cells = [item["candidates"], _statistic(item["facility"]), _statistic(item["passed"])]
    cells += [_statistic(item["point_biserial"]), _statistic(item["upper_lower"])]
    numbers = "".join(f'<td class="num">{html.escape(str(cell))}</td>' for cell in cells)
    kind = "test" if test else "item"
    return (
        f'<tr class="{kind}"><td class="{kind}">{html.escape(label)}</td>{numbers}'
        f'<td class="flags">{html.escape(", ".join(item["flags"]))}</td></tr>'
    )


def _items_table(items: dict) -> str:
    """The item analysis (analysis.item_analysis) as a table: a row per exercise, then one per grader test."""
    rows = [
        '<h2>Item analysis</h2><p class="meta">'
        f"{items['candidates']} candidates counted, {items['not_submitted']} not submitted; discrimination from "
        f"{items['min_candidates']} candidates. Facility: the mean share of points earned; passed: the share with "
        "all of them; point-biserial: the correlation with the rest of the total; upper-lower: the facility of "
        f"the top {items['group_share']:.0%} by total minus that of the bottom {items['group_share']:.0%}.</p>",
        "<table><tr><th>exercise / test</th><th>counted</th><th>facility</th><th>passed</th>"
        "<th>point-biserial</th><th>upper-lower</th><th>flags</th></tr>",
    ]
    for exercise in items["exercises"]:
        rows.append(_item_row(exercise["id"], exercise, test=False))
        rows += [_item_row(test["test"], test, test=True) for test in exercise["tests"]]
    rows.append("</table>")
    return "".join(rows)


def _code_with_marks(text: str | None, ranges: list) -> str:
    """``text`` numbered line by line, the lines in ``ranges`` (first, last; from 1) marked; all of it escaped."""
    if text is None:
        return '<p class="meta">The answer could not be read again.</p>'
    marked = {line for first, last in ranges for line in range(first, last + 1)}
    lines = []
    for number, line in enumerate(text.split("\n"), 1):
        shown = f"{number:>4}  {html.escape(line)}"
        lines.append(f"<mark>{shown}</mark>" if number in marked else shown)
    return '<pre class="code">' + "\n".join(lines) + "</pre>"


def _similarity_section(similar: list[dict], answers: dict) -> str:
    """Each flagged pair's two answers side by side, the lines that match marked."""
    parts = [
        "<h2>Similar answers</h2>",
        f'<p class="meta">{len(similar)} pair(s) of answers share more than chance would, after discounting the '
        "starting code and what most of the cohort writes. Matching lines are marked.</p>",
    ]
    for pair in similar:
        exercise, names, folders = pair["exercise"], pair["candidates"], pair["folders"]
        texts = [(answers.get(folder) or {}).get(exercise) for folder in folders]
        heading = f"{exercise}: {names[0]} and {names[1]}"
        parts.append(
            f"<h3>{html.escape(heading)}</h3>"
            f'<p class="meta">{pair["containment"]:.0%} of the fingerprints of the shorter answer match '
            f"({pair['matched']}).</p>"
            f'<table class="side"><tr><th>{html.escape(names[0])}</th><th>{html.escape(names[1])}</th></tr><tr>'
            + "".join(
                f"<td>{_code_with_marks(text, lines)}</td>" for text, lines in zip(texts, pair["lines"], strict=True)
            )
            + "</tr></table>"
        )
    return "".join(parts)


def cohort_html(documents: list[dict], *, similar: list[dict] | None = None, answers: dict | None = None) -> str:
    """Candidates x exercises as a heat map (share of points per cell), a histogram of totals, the item
    analysis, and, given ``similar`` (cohort.json's pairs) and ``answers`` (per candidate folder, the answer
    text per exercise), the similar answers side by side."""
    documents = safe_data(documents)
    exercises = sorted({e["id"] for d in documents for e in d["exercises"]})
    header = "".join(f'<th title="{html.escape(x)}">{html.escape(x.rsplit("/", 1)[-1])}</th>' for x in exercises)
    rows = []
    shares = []
    for document in documents:
        by_id = {e["id"]: e for e in document["exercises"]}
        earned, possible = totals(document)
        shares.append(earned / possible if possible else 0.0)
        cells = []
        for x in exercises:
            e = by_id.get(x)
            if e is None:
                cells.append("<td></td>")
                continue
            cells.append(_heat_cell(e))
        name = _candidate(document)
        folder = document.get("folder")  # where cohort.py wrote the candidate's report
        target = _report_link(folder if isinstance(folder, str) else name)
        link = f'<a href="{html.escape(target)}">{html.escape(name)}</a>'
        rows.append(f'<tr><td>{link}</td>{"".join(cells)}<td class="num">{earned:g}/{possible:g}</td></tr>')
    seed = documents[0]["seed"] if documents else ""
    body = (
        f'<h1>Cohort: {len(documents)} candidates</h1><p class="meta">Seed {seed}.</p>'
        f"<h2>Points per exercise</h2><table><tr><th>candidate</th>{header}<th>total</th></tr>"
        + "".join(rows)
        + "</table><h2>Total scores</h2>"
        + _histogram_svg(shares)
        + _items_table(item_analysis(documents))
    )
    if similar is not None:
        body += _similarity_section(safe_data(similar), safe_data(answers or {}))
    return _page("mlkata: cohort", body)
