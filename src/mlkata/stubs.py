"""Turn a reference solution into the candidate's starting file.

A solution marks what the candidate writes with nbgrader's markers::

    ### BEGIN SOLUTION
    ...reference code...
    ### END SOLUTION

Inside a function, the region becomes a TODO and ``raise NotImplementedError``; at module level
(helpers the candidate may write their own way) it is removed. A debug exercise follows the
region with the buggy starting code, commented out so the solution still runs::

    ### BEGIN STUB
    # ...code that runs and looks right but is wrong...
    ### END STUB

and the stub gets that code, uncommented, in place of the region.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_STUB = "### BEGIN STUB"
END_STUB = "### END STUB"
_MARKERS = (BEGIN_SOLUTION, END_SOLUTION, BEGIN_STUB, END_STUB)
_DEF = re.compile(r"^(\s*)(?:async\s+)?def\s+(\w+)")


class MarkerError(ValueError):
    """A solution's markers are unbalanced, nested or misplaced."""


def _enclosing_function(lines: list[str], index: int, indent: int) -> str | None:
    for line in reversed(lines[:index]):
        match = _DEF.match(line)
        if match and len(match.group(1)) < indent:
            return match.group(2)
    return None


def _uncomment(line: str, indent: str, where: str) -> str:
    if not line.strip():
        return ""
    body = line[len(indent) :] if line.startswith(indent) else None
    if body is None or not body.startswith("#"):
        raise MarkerError(f"{where}: every line of a STUB region must be a comment at the marker's indentation")
    text = body[2:] if body.startswith("# ") else body[1:]
    return indent + text if text.strip() else ""


def is_debug(source: str) -> bool:
    """Whether the solution ships buggy starting code (a debug exercise)."""
    return any(line.strip() == BEGIN_STUB for line in source.splitlines())


def make_stub(source: str, *, filename: str = "<solution>") -> str:
    """Return the stub generated from a solution's source."""
    lines = source.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped in (END_SOLUTION, BEGIN_STUB, END_STUB):
            raise MarkerError(f"{filename}:{i + 1}: {stripped!r} without an open {BEGIN_SOLUTION!r}")
        if stripped != BEGIN_SOLUTION:
            out.append(line)
            i += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() in _MARKERS), None)
        if end is None or lines[end].strip() != END_SOLUTION:
            raise MarkerError(f"{filename}:{i + 1}: {BEGIN_SOLUTION!r} is not closed by {END_SOLUTION!r}")
        i = end + 1
        if i < len(lines) and lines[i].strip() == BEGIN_STUB:
            close = next((j for j in range(i + 1, len(lines)) if lines[j].strip() in _MARKERS), None)
            if close is None or lines[close].strip() != END_STUB:
                raise MarkerError(f"{filename}:{i + 1}: {BEGIN_STUB!r} is not closed by {END_STUB!r}")
            out.extend(_uncomment(s, indent, f"{filename}:{k + 1}") for k, s in enumerate(lines[i + 1 : close], i + 1))
            i = close + 1
            continue
        function = _enclosing_function(lines, i - 1, len(indent)) if indent else None
        if function is not None:
            out.append(f"{indent}# TODO: write {function} as its docstring describes.")
            out.append(f'{indent}raise NotImplementedError("{function} is not written yet")')
    # a removed module-level region leaves its surrounding blank lines behind
    return re.sub(r"\n{4,}", "\n\n\n", "\n".join(out)).rstrip("\n") + "\n"


WRITTEN_RECORD = Path(".mlkata", "stubs.json")  # digests of the stubs `mlkata stubs` wrote, per kit


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def committed_text(root: Path, path: Path) -> str | None:
    """``path`` as the kit's git HEAD holds it; None outside a repository or for an untracked file."""
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
        shown = subprocess.run(
            ["git", "-C", str(root), "show", f"HEAD:{relative}"], capture_output=True, check=False, timeout=30
        )
    except (ValueError, OSError, subprocess.TimeoutExpired):
        return None
    return shown.stdout.decode("utf-8", errors="replace") if shown.returncode == 0 else None


def _written(root: Path) -> set[str]:
    try:
        return set(json.loads((root / WRITTEN_RECORD).read_text(encoding="utf-8")).get("digests", []))
    except (OSError, ValueError, AttributeError):
        return set()


def record_written(root: Path, texts: list[str]) -> None:
    """Remember that ``mlkata stubs`` wrote these stubs: a file still holding one is the kit's, not an answer."""
    if not texts:
        return
    path = root / WRITTEN_RECORD
    path.parent.mkdir(exist_ok=True)
    digests = sorted(_written(root) | {_digest(t) for t in texts})
    path.write_text(json.dumps({"digests": digests}, indent=1) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class StubState:
    """An exercise's starting file as the kit generates it, as committed, and as it is on disk."""

    stub: Path
    solution: Path
    generated: str
    committed: str | None
    on_disk: str | None
    written: frozenset[str]

    @property
    def is_answer(self) -> bool:
        """The file holds the learner's work: no version of the kit's stub (generated, committed, or
        written by ``mlkata stubs``)."""
        kit = {self.generated, self.committed}
        return self.on_disk is not None and self.on_disk not in kit and _digest(self.on_disk) not in self.written

    def drift(self) -> str | None:
        """Why the kit's stub (on disk, or as committed where the file on disk is an answer) is not what
        the solution generates; None when it is, or when there is only an answer to compare."""
        kit = self.committed if self.is_answer else self.on_disk
        if self.on_disk is None:
            return f"{self.stub} is missing"
        if kit is not None and kit != self.generated:
            where = "as committed " if self.is_answer else ""
            return f"{self.stub} {where}differs from what {self.solution} generates"
        return None


def stub_state(root: Path, solution: Path, stub: Path) -> StubState:
    on_disk = stub.read_text(encoding="utf-8") if stub.is_file() else None
    generated = make_stub(solution.read_text(encoding="utf-8"), filename=str(solution))
    committed = committed_text(root, stub) if on_disk not in (None, generated) else None
    return StubState(stub, solution, generated, committed, on_disk, frozenset(_written(root)))


ANSWER_NOTE = "your answer, not the kit's stub"
