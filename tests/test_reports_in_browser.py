"""The HTML reports, opened in a real headless Chromium: they render, and the console stays silent."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mlkata import reports

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]
CONSOLE = re.compile(r":CONSOLE[:(]\d*\)?\]? ?(.*)")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test the HTML reports in Chromium: install Debian's chromium")
        pytest.skip("Chromium is not installed")
    return found


def open_page(page: Path, profile: Path, screenshot: Path) -> tuple[str, list[str]]:
    """The DOM Chromium built from ``page``, and every console message it logged; also a screenshot."""
    common = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
    dom = subprocess.run([*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    shot = [*common, f"--screenshot={screenshot}", "--window-size=1200,900", page.as_uri()]
    subprocess.run(shot, capture_output=True, text=True, timeout=120, check=True)
    console = [m.group(1) for line in dom.stderr.splitlines() if (m := CONSOLE.search(line))]
    return dom.stdout, console


def document(name: str, add_earned: float, refused: str | None = None) -> dict:
    def test(exercise, test, points, earned, outcome, message=""):
        return {
            "exercise": exercise,
            "test": test,
            "points": points,
            "earned": earned,
            "outcome": outcome,
            "message": message,
            "target": name,
            "seed": 11,
        }

    add_tests = [
        test(
            "evaluation/add",
            "test_adds",
            3.0,
            add_earned,
            "passed" if add_earned else "incorrect",
            "" if add_earned else "add(a, b) should be <their> sum & more",
        )
    ]
    return {
        "schema": 1,
        "seed": 11,
        "implementation": name,
        "candidate": name,
        "refused": refused,
        "isolation": ["no network"],
        "exercises": [
            {
                "id": "evaluation/add",
                "target": name,
                "seed": 11,
                "status": add_tests[0]["outcome"],
                "earned": add_earned,
                "possible": 3.0,
                "tests": add_tests,
            },
            {
                "id": "trees/best_split",
                "target": name,
                "seed": 12,
                "status": "not attempted",
                "earned": 0.0,
                "possible": 2.0,
                "tests": [test("trees/best_split", "test_split", 2.0, 0.0, "not attempted", "todo")],
            },
        ],
    }


def test_the_console_check_can_fail(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>console.error('seen'); notDefined();</script>")
    _, console = open_page(page, tmp_path / "profile", tmp_path / "broken.png")
    assert any("seen" in m for m in console) and any("notDefined" in m for m in console)


def test_candidate_and_cohort_reports_render_without_console_messages(tmp_path):
    documents = [document("alice", 3.0), document("bob", 0.0), document("carol", 0.0, refused="an entry escapes")]
    (tmp_path / "alice").mkdir()
    candidate = tmp_path / "alice/report.html"
    candidate.write_text(reports.candidate_html(documents[1]))
    cohort = tmp_path / "cohort.html"
    cohort.write_text(reports.cohort_html(documents))

    dom, console = open_page(candidate, tmp_path / "profile", tmp_path / "candidate.png")
    assert console == []
    assert "bob: 0 of 5 points" in dom and "add(a, b) should be &lt;their&gt; sum &amp; more" in dom
    assert (tmp_path / "candidate.png").stat().st_size > 5_000

    dom, console = open_page(cohort, tmp_path / "profile", tmp_path / "cohort.png")
    assert console == []
    assert dom.count('class="cell"') == 6 and "<svg" in dom and "<rect" in dom
    assert 'href="alice/report.html"' in dom
    assert (tmp_path / "cohort.png").stat().st_size > 5_000
