"""What a cohort's results say about the exercises: item analysis per exercise and per grader test.

An item is an exercise or one grader test of it. Read from the candidates' results documents
(docs/results.md), each item gets:

- ``facility``: the mean share of the item's points earned, and ``passed``: the share of candidates
  with all of them;
- ``point_biserial``: the correlation of the item's score with the rest-score (the candidate's total
  minus the item's points, so that an item is never correlated with itself);
- ``upper_lower``: the facility in the strongest ``group_share`` of candidates by total minus that in
  the weakest;
- ``flags``: "nobody passes", "everybody passes", "negative discrimination" (a negative
  point-biserial: the weaker candidates do better), "too few candidates to say".

Who counts: a candidate whose submission was refused (not submitted) counts for no item. A candidate
who submitted counts for every item, an exercise not attempted as earning nothing: leaving an
exercise out is part of the result. A test that ended in a grader error is the grader's fault, not
the candidate's: that candidate is left out of that test and of its exercise. Below
``min_candidates`` counted, discrimination is not computed and the item is flagged as too few to say.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from mlkata.results import GRADER_ERROR, NOT_ATTEMPTED

MIN_CANDIDATES = 5  # fewer than this and a correlation is noise
UPPER_LOWER_SHARE = 0.27  # Kelley's groups: the top and bottom 27% by total

NOBODY_PASSES = "nobody passes"
EVERYBODY_PASSES = "everybody passes"
NEGATIVE_DISCRIMINATION = "negative discrimination"
TOO_FEW = "too few candidates to say"


def _checked(documents: Sequence[dict]) -> list[dict]:
    """``documents`` if each is a results document with the fields read here; else a ValueError naming the first
    that is not."""
    if isinstance(documents, dict | str) or not isinstance(documents, Sequence):
        raise ValueError(f"expected a list of results documents, got {type(documents).__name__}")
    for number, document in enumerate(documents, 1):
        where = f"results document {number}"
        if not isinstance(document, dict) or not isinstance(document.get("exercises"), list):
            raise ValueError(f"{where} has no exercises list: pass the documents results.json holds")
        for exercise in document["exercises"]:
            if not isinstance(exercise, dict) or not isinstance(exercise.get("tests"), list):
                raise ValueError(f"{where} has an exercise without a tests list")
            if not isinstance(exercise.get("id"), str):
                raise ValueError(f"{where} has an exercise without an id")
            numbers = (exercise.get("earned"), exercise.get("possible"))
            if not all(isinstance(n, int | float) for n in numbers) or not isinstance(exercise.get("status"), str):
                raise ValueError(f"{where}: exercise {exercise['id']} lacks earned, possible or status")
            for test in exercise["tests"]:
                keys = ("test", "points", "earned", "outcome")
                fields = [test.get(key) for key in keys] if isinstance(test, dict) else []
                if not fields or not all(isinstance(f, str | int | float) for f in fields):
                    raise ValueError(f"{where}: a test of {exercise['id']} lacks test, points, earned or outcome")
    return list(documents)


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r of two equally long lists; None when either does not vary."""
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _item(scores: list[tuple[float, float, float]], *, min_candidates: int, group_share: float) -> dict:
    """The statistics of one item from ``(share earned, points earned, candidate's total)`` per candidate counted."""
    n = len(scores)
    shares = [share for share, _, _ in scores]
    passed = sum(share >= 1 - 1e-9 for share in shares)
    statistics = {
        "candidates": n,
        "facility": _rounded(sum(shares) / n) if n else None,
        "passed": _rounded(passed / n) if n else None,
        "point_biserial": None,
        "upper_lower": None,
        "flags": [],
    }
    if n and passed == 0:
        statistics["flags"].append(NOBODY_PASSES)
    if n and passed == n:
        statistics["flags"].append(EVERYBODY_PASSES)
    if n < min_candidates:
        statistics["flags"].append(TOO_FEW)
        return statistics
    rest = [total - earned for _, earned, total in scores]
    r = _correlation(shares, rest)
    by_total = [share for share, _, _ in sorted(scores, key=lambda s: s[2])]
    group = max(1, round(group_share * n))
    statistics["point_biserial"] = _rounded(r)
    statistics["upper_lower"] = _rounded((sum(by_total[-group:]) - sum(by_total[:group])) / group)
    if r is not None and r < 0:
        statistics["flags"].append(NEGATIVE_DISCRIMINATION)
    return statistics


def item_analysis(
    documents: Sequence[dict], *, min_candidates: int = MIN_CANDIDATES, group_share: float = UPPER_LOWER_SHARE
) -> dict:
    """Item analysis of a cohort: per exercise, and per grader test within it, facility, discrimination and flags.

    Args:
        documents: the candidates' results documents, as ``mlkata grade`` writes them.
        min_candidates: the fewest candidates counted for which discrimination is computed, at least 2.
        group_share: the share of candidates in each of the upper and lower groups, in (0, 0.5].

    Returns:
        ``{"candidates", "not_submitted", "min_candidates", "group_share", "exercises": [...]}``, each exercise with its
        statistics and ``tests`` (docs/results.md lists the fields), exercises in id order, tests in the
        order graded.
    """
    if not isinstance(min_candidates, int) or min_candidates < 2:
        raise ValueError(f"min_candidates must be an integer of at least 2, got {min_candidates!r}")
    if not 0 < group_share <= 0.5:
        raise ValueError(f"group_share must be in (0, 0.5], got {group_share!r}")
    documents = _checked(documents)
    submitted = [d for d in documents if not d.get("refused")]
    totals = [sum(e["earned"] for e in d["exercises"]) for d in submitted]
    exercises: dict[str, dict] = {}  # by id: the points, the tests in order, the scores counted
    for document, total in zip(submitted, totals, strict=True):
        for exercise in document["exercises"]:
            item = exercises.setdefault(exercise["id"], {"possible": exercise["possible"], "scores": [], "tests": {}})
            counted = not any(t["outcome"] == GRADER_ERROR for t in exercise["tests"])
            if counted and exercise["possible"] > 0:
                attempted = exercise["status"] != NOT_ATTEMPTED
                item["scores"].append((exercise["earned"] / exercise["possible"], exercise["earned"], total, attempted))
            for test in exercise["tests"]:
                entry = item["tests"].setdefault(test["test"], {"points": test["points"], "scores": []})
                if test["outcome"] != GRADER_ERROR and test["points"] > 0:
                    attempted = test["outcome"] != NOT_ATTEMPTED
                    entry["scores"].append((test["earned"] / test["points"], test["earned"], total, attempted))
    options = {"min_candidates": min_candidates, "group_share": group_share}

    def statistics(scores: list[tuple[float, float, float, bool]]) -> dict:
        attempted = sum(a for *_, a in scores)
        return {"attempted": attempted, **_item([s[:3] for s in scores], **options)}

    return {
        "candidates": len(submitted),
        "not_submitted": len(documents) - len(submitted),
        "min_candidates": min_candidates,
        "group_share": group_share,
        "exercises": [
            {
                "id": exercise_id,
                "possible": item["possible"],
                **statistics(item["scores"]),
                "tests": [
                    {"test": name, "points": test["points"], **statistics(test["scores"])}
                    for name, test in item["tests"].items()
                ],
            }
            for exercise_id, item in sorted(exercises.items())
        ],
    }
