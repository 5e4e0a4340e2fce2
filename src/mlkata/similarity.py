"""Answers that are suspiciously alike: winnowed fingerprints of normalised Python tokens.

Each answer file is read with ``tokenize`` (never imported or run) and normalised so that what a
copier changes cheaply does not count: identifiers become one symbol (attribute names and builtins
stay: they are the libraries' API, not the candidate's naming), every number and every string
becomes one symbol, and comments, docstrings, imports, blank lines and indentation go. The k-grams
of that token stream are hashed and winnowed (Schleimer, Wilkerson and Aiken, "Winnowing: local
algorithms for document fingerprinting", SIGMOD 2003): of every window of ``WINDOW`` consecutive
hashes the smallest is kept, so any run of ``KGRAM + WINDOW - 1`` tokens two files share yields at
least one common fingerprint. Fingerprints are compared as sets, so moving functions around changes
nothing; their line ranges are kept only to show where two files match.

Before comparing, the fingerprints of the exercise's starting code (its stub) are removed from
every answer, and so are those more than ``COMMON_SHARE`` of the cohort's answers to that exercise
hold: code everybody writes says nothing about copying. A pair is scored by containment, the share
of the smaller fingerprint set found in the other; it is flagged at ``THRESHOLD`` or more with at
least ``MIN_MATCHED`` fingerprints in common.
"""

from __future__ import annotations

import builtins
import hashlib
import io
import keyword
import math
import tempfile
import tokenize
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from mlkata.layout import Exercise
from mlkata.submissions import Refused, Submission, holds_notebooks, unpack

KGRAM = 10  # tokens per hashed k-gram: shorter runs are noise every program shares
WINDOW = 6  # hashes per winnowing window: a shared run of KGRAM + WINDOW - 1 tokens is always found
THRESHOLD = 0.6  # containment from which a pair is flagged
MIN_MATCHED = 6  # fingerprints a flagged pair must share: a few matches in a short answer prove nothing
COMMON_SHARE = 0.5  # a fingerprint more answers than this share hold is idiom, not copying (never one only two hold)
MAX_ANSWER_BYTES = 256 << 10  # an answer file larger than this is not compared

_IDENTIFIER, _NUMBER, _STRING = "V", "0", "''"
_BUILTINS = frozenset(dir(builtins))
_DROPPED = {tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER}


@dataclass(frozen=True)
class Fingerprints:
    """One file's winnowed fingerprints: each hash with the line ranges (first, last) it was found at."""

    lines: Mapping[int, tuple[tuple[int, int], ...]]

    def __len__(self) -> int:
        return len(self.lines)

    def without(self, hashes: set[int] | frozenset[int]) -> Fingerprints:
        return Fingerprints({h: where for h, where in self.lines.items() if h not in hashes})


@dataclass(frozen=True)
class Match:
    """Two answers to one exercise that share more than chance would: the share of the smaller answer's
    fingerprints found in the other, how many they share, and the line ranges that match in each."""

    exercise: str
    first: str
    second: str
    containment: float
    matched: int
    first_lines: tuple[tuple[int, int], ...]
    second_lines: tuple[tuple[int, int], ...]

    def to_json(self, names: Mapping[str, str]) -> dict:
        """The pair as cohort.json holds it (docs/results.md); ``names`` gives each folder's candidate name."""
        pair = (self.first, self.second)
        return {
            "exercise": self.exercise,
            "folders": list(pair),
            "candidates": [names.get(folder, folder) for folder in pair],
            "containment": round(self.containment, 3),
            "matched": self.matched,
            "lines": [[list(r) for r in self.first_lines], [list(r) for r in self.second_lines]],
        }


def normalised_tokens(source: str) -> list[tuple[str, int]]:
    """``source``'s tokens as compared, each with its line: identifiers, numbers and strings each one
    symbol; comments, docstrings (a string that is a statement of its own), imports and layout dropped.
    Text that does not tokenise is compared up to where it stops."""
    kept: list[tuple[str, int]] = []
    statement: list[tokenize.TokenInfo] = []  # the logical line being read: kept unless an import or a docstring
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in _DROPPED:
                continue
            if token.type != tokenize.NEWLINE:
                statement.append(token)
                continue
            kept += _statement_tokens(statement)
            statement = []
    except (tokenize.TokenError, SyntaxError):  # an IndentationError is one
        pass
    return kept + _statement_tokens(statement)


def _statement_tokens(statement: list[tokenize.TokenInfo]) -> list[tuple[str, int]]:
    if not statement or (statement[0].type == tokenize.NAME and statement[0].string in ("import", "from")):
        return []
    if len(statement) == 1 and statement[0].type == tokenize.STRING:
        return []  # a docstring, or a string written as a comment
    tokens = []
    previous = ""
    for token in statement:
        text = token.string
        if token.type == tokenize.NUMBER:
            text = _NUMBER
        elif token.type == tokenize.STRING:
            text = _STRING
        elif token.type == tokenize.NAME and not keyword.iskeyword(text):
            text = text if previous == "." or text in _BUILTINS else _IDENTIFIER
        tokens.append((text, token.start[0]))
        previous = token.string
    return tokens


def _hash(kgram: list[str]) -> int:
    """A hash that is the same in every process (``hash`` of a str is salted per process)."""
    return int.from_bytes(hashlib.blake2b("\x1f".join(kgram).encode(), digest_size=8).digest(), "big")


def fingerprint(source: str, *, kgram: int = KGRAM, window: int = WINDOW) -> Fingerprints:
    """The winnowed fingerprints of ``source``: of each ``window`` consecutive k-gram hashes the
    smallest (the rightmost of equals), each hash with the lines of every k-gram it was chosen at."""
    if kgram < 1 or window < 1:
        raise ValueError(f"kgram and window must be at least 1, got {kgram} and {window}")
    tokens = normalised_tokens(source)
    texts = [text for text, _ in tokens]
    grams = [
        (_hash(texts[i : i + kgram]), tokens[i][1], tokens[i + kgram - 1][1]) for i in range(len(tokens) - kgram + 1)
    ]
    if 0 < len(grams) < window:  # a file shorter than one window still has its smallest hash
        window = len(grams)
    chosen: dict[int, set[tuple[int, int]]] = {}
    last = -1
    for start in range(len(grams) - window + 1):
        candidates = grams[start : start + window]
        smallest = min(range(window), key=lambda i: (candidates[i][0], -i))
        if start + smallest != last:
            last = start + smallest
            value, first_line, last_line = grams[last]
            chosen.setdefault(value, set()).add((first_line, last_line))
    return Fingerprints({value: tuple(sorted(where)) for value, where in chosen.items()})


def _merged(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Line ranges with overlapping and adjacent ones joined, in order."""
    merged: list[list[int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return tuple((first, last) for first, last in merged)


def compare(
    first: Fingerprints, second: Fingerprints, *, exercise: str = "", names: tuple[str, str] = ("", "")
) -> Match:
    """How much of the smaller of two fingerprint sets the other holds, with the matching lines."""
    shared = first.lines.keys() & second.lines.keys()
    smaller = min(len(first), len(second))
    return Match(
        exercise=exercise,
        first=names[0],
        second=names[1],
        containment=len(shared) / smaller if smaller else 0.0,
        matched=len(shared),
        first_lines=_merged([r for h in shared for r in first.lines[h]]),
        second_lines=_merged([r for h in shared for r in second.lines[h]]),
    )


def similar_pairs(
    answers: Mapping[str, Mapping[str, str]],
    starting_code: Mapping[str, str],
    *,
    threshold: float = THRESHOLD,
    min_matched: int = MIN_MATCHED,
    common_share: float = COMMON_SHARE,
) -> list[Match]:
    """The pairs of answers to the same exercise that are suspiciously alike, most alike first.

    Args:
        answers: per candidate, the text of each answer file by exercise id.
        starting_code: per exercise id, the stub the candidates started from (its fingerprints never count).
        threshold: the containment from which a pair is flagged, in (0, 1].
        min_matched: the fingerprints a flagged pair must have in common, at least 1.
        common_share: a fingerprint held by more than this share of the answers to an exercise (and by
            more than two) is discounted as idiom, in (0, 1].

    Returns:
        A ``Match`` per flagged pair and exercise, by containment then matched fingerprints, highest first.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if min_matched < 1:
        raise ValueError(f"min_matched must be at least 1, got {min_matched}")
    if not 0 < common_share <= 1:
        raise ValueError(f"common_share must be in (0, 1], got {common_share}")
    flagged = []
    for exercise in sorted({x for files in answers.values() for x in files}):
        prints = {name: fingerprint(files[exercise]) for name, files in answers.items() if exercise in files}
        discounted = set(fingerprint(starting_code.get(exercise, "")).lines)
        holders: dict[int, int] = {}
        for found in prints.values():
            for value in found.lines:
                holders[value] = holders.get(value, 0) + 1
        most = max(2, math.floor(common_share * len(prints)))  # a pair alone is never idiom
        discounted |= {value for value, count in holders.items() if count > most}
        prints = {name: found.without(discounted) for name, found in prints.items()}
        # pairs are counted through the fingerprints they share, never all pairs of the cohort: a cohort of
        # thousands shares few fingerprints beyond the idioms already discounted
        held_by: dict[int, list[str]] = {}
        for name in sorted(prints):
            for value in prints[name].lines:
                held_by.setdefault(value, []).append(name)
        shared = Counter(pair for names in held_by.values() for pair in combinations(names, 2))
        for (first, second), count in shared.items():
            if count < min_matched or count < threshold * min(len(prints[first]), len(prints[second])):
                continue
            match = compare(prints[first], prints[second], exercise=exercise, names=(first, second))
            if match.containment >= threshold and match.matched >= min_matched:
                flagged.append(match)
    return sorted(flagged, key=lambda m: (-m.containment, -m.matched, m.exercise, m.first, m.second))


def read_answers(submission: Submission, exercises: list[Exercise], *, max_bytes: int = MAX_ANSWER_BYTES) -> dict:
    """The text of each of ``exercises``' answer modules in ``submission``, by exercise id: unpacked into a
    temporary folder (notebooks' answer cells made modules), only read, nothing run. A file larger than
    ``max_bytes`` is left out; a submission that cannot be read has no answers."""
    with tempfile.TemporaryDirectory(prefix="mlkata-answers-") as scratch:
        try:
            tree = unpack(submission, Path(scratch, "tree")).folder
            if holds_notebooks(tree):
                from mlkata.notebooks import write_answers

                write_answers(tree, Path(scratch, "answers"), exercises)
                tree = Path(scratch, "answers")
        except (Refused, OSError, ValueError):
            return {}
        texts = {}
        for exercise in exercises:
            path = tree / exercise.relative_module
            try:
                if path.is_file() and not path.is_symlink() and path.stat().st_size <= max_bytes:
                    texts[exercise.id] = path.read_bytes().decode("utf-8", errors="replace")
            except OSError:
                continue
        return texts
