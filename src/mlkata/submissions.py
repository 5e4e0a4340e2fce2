"""Submissions: what ``mlkata grade`` is given, checked and laid out as a folder that mirrors exercises/.

A submission is a folder mirroring exercises/, a zip of one, or a git repository (its committed
HEAD). A folder whose entries are submissions is a cohort: one submission per entry, named by its
folder or file name. Unpacking refuses what could escape or swamp the grader: zip entries with
absolute paths or ``..``, links that point outside the submission, and archives over the size
limits. A refused submission is graded as not submitted, with the reason.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import subprocess
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mlkata.layout import EXERCISES_DIR, TOPICS

MAX_TOTAL_BYTES = 64 << 20
MAX_FILES = 5000


class Refused(Exception):
    """A submission that is not graded; the message says why, for the candidate and the grader."""


@dataclass(frozen=True)
class Submission:
    name: str
    source: Path

    @property
    def kind(self) -> str:
        if self.source.suffix == ".zip":
            return "zip"
        return "git" if (self.source / ".git").exists() else "folder"


def _answers_folder(folder: Path) -> Path | None:
    """Where in ``folder`` the answers mirror exercises/: the folder itself, or its exercises/ (a
    student release's layout); None when neither does."""
    for candidate in (folder, folder / EXERCISES_DIR):
        if any((candidate / topic).is_dir() for topic in TOPICS):
            return candidate
    return None


def _mirrors_exercises(folder: Path) -> bool:
    return _answers_folder(folder) is not None


def find_submissions(paths: list[Path]) -> list[Submission]:
    """The submissions ``paths`` name: each a submission itself, or a cohort folder of them."""
    found: list[Submission] = []
    for path in paths:
        entries = sorted(p for p in path.iterdir() if not p.name.startswith(".")) if path.is_dir() else []
        if (path.is_file() and path.suffix == ".zip") or _mirrors_exercises(path) or (path / ".git").exists():
            found.append(Submission(path.stem if path.suffix == ".zip" else path.name, path))
        elif path.is_dir() and not path.is_symlink():
            cohort = [p for p in entries if _is_entry(p)]
            # a folder of submissions is a cohort; an empty one is a submission with nothing in it
            found += [Submission(p.stem if p.suffix == ".zip" else p.name, p) for p in cohort] or [
                Submission(path.name, path)
            ]
        else:
            raise Refused(f"{path} is not a directory mirroring exercises/, a zip of one, or a git repository")
    names = [s.name for s in found]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise Refused(f"several submissions share the name(s) {', '.join(twice)}: rename one")
    return found


def _is_entry(path: Path) -> bool:
    return (path.is_dir() and not path.is_symlink()) or (path.is_file() and path.suffix == ".zip")


def _check_links(folder: Path) -> None:
    for current, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(current, name)
            if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
                raise Refused(f"{path.relative_to(folder)} is a link to something outside the submission")


def _check_size(folder: Path) -> None:
    files = [Path(c, f) for c, _, fs in os.walk(folder) for f in fs]
    total = sum(p.lstat().st_size for p in files)
    if len(files) > MAX_FILES or total > MAX_TOTAL_BYTES:
        raise Refused(
            f"the submission holds {len(files)} files, {total >> 20} MB (limits: {MAX_FILES}, "
            f"{MAX_TOTAL_BYTES >> 20} MB)"
        )


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise Refused(f"the archive entry {name!r} would land outside the submission")
    return path


def _unzip(archive: Path, destination: Path) -> None:
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        raise Refused(f"{archive.name} is not a readable zip ({error})") from None
    with bundle:
        members = bundle.infolist()
        if len(members) > MAX_FILES or sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
            raise Refused(f"{archive.name} unpacks to more than {MAX_FILES} files or {MAX_TOTAL_BYTES >> 20} MB")
        written = 0
        for member in members:
            relative = _safe_member(member.filename)
            if stat.S_ISLNK(member.external_attr >> 16):
                raise Refused(f"the archive entry {member.filename!r} is a link; submit plain files")
            target = destination.joinpath(*relative.parts)
            if member.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with bundle.open(member) as source, open(target, "wb") as sink:
                while chunk := source.read(1 << 20):
                    written += len(chunk)
                    if written > MAX_TOTAL_BYTES:  # the sizes the archive declares can lie
                        raise Refused(f"{archive.name} unpacks to more than {MAX_TOTAL_BYTES >> 20} MB")
                    sink.write(chunk)


def _git_head(repository: Path, destination: Path) -> None:
    archive = subprocess.run(
        ["git", "-C", str(repository), "archive", "--format=tar", "HEAD"], capture_output=True, check=False
    )
    if archive.returncode != 0:
        reason = archive.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["git failed"]
        raise Refused(f"{repository.name}: its committed HEAD could not be read ({reason[0]})")
    if len(archive.stdout) > MAX_TOTAL_BYTES:
        raise Refused(f"{repository.name}: its HEAD is larger than {MAX_TOTAL_BYTES >> 20} MB")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as bundle:
        for member in bundle.getmembers():
            _safe_member(member.name)
        bundle.extractall(destination, filter="data")


def _single_top_folder(folder: Path) -> Path:
    """The folder of answers: an archive of ``alice/evaluation/...`` is the submission
    ``evaluation/...``, and a student release's ``exercises/evaluation/...`` is too."""
    entries = [p for p in folder.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if not _mirrors_exercises(folder) and len(entries) == 1 and entries[0].is_dir():
        folder = entries[0]
    return _answers_folder(folder) or folder


def materialise(submission: Submission, destination: Path) -> Path:
    """Lay ``submission`` out in ``destination`` (created); return the folder that mirrors exercises/.

    The source is only read, never changed. Raises Refused with the reason.
    """
    destination.mkdir(parents=True)
    kind = submission.kind
    if kind == "zip":
        _unzip(submission.source, destination)
    elif kind == "git":
        _git_head(submission.source, destination)
    else:
        _check_links(submission.source)
        _check_size(submission.source)
        shutil.copytree(
            submission.source,
            destination,
            symlinks=True,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".git", "__pycache__"),
        )
    _check_links(destination)
    _check_size(destination)
    return _single_top_folder(destination)


def digest(folder: Path) -> str:
    """A fingerprint of the Python files a grading reads, to tell whether a submission changed."""
    hasher = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        hasher.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()[:16]
