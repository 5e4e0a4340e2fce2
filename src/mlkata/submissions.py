"""Submissions: what ``mlkata grade`` is given, checked and laid out as a plain folder that mirrors exercises/.

A submission is a folder mirroring exercises/, a zip of one, or a git repository (its committed
HEAD). A folder whose entries are submissions is a cohort: one submission per entry, named by its
folder or file name.

Everything in a submission is the candidate's, so nothing in it is trusted. Unpacking lays out
regular files and folders only, counted against the size limits before they are read. A folder's or
a repository's links become copies of the files they lead to; a link that leads outside, to a
folder, nowhere or round in a loop refuses the submission, as do a zip's links, FIFOs, sockets and
devices, zip entries with absolute paths or ``..``, a file and a folder by the same name, encrypted
or corrupt archives. A git repository is read from a bare copy of its refs and objects alone, so
that none of its configuration, attributes, hooks or alternates is used. Whatever goes wrong with a
submission's files refuses it with the reason: it is graded as not submitted, the others as usual.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from mlkata.layout import EXERCISES_DIR, TOPICS

NOTEBOOK_SUFFIX = ".ipynb"
MAX_TOTAL_BYTES = 64 << 20
MAX_FILES = 5000
# a git submission's refs and objects, copied before its HEAD is read: its history may outweigh its HEAD
MAX_REPOSITORY_BYTES = 4 * MAX_TOTAL_BYTES
MAX_REPOSITORY_FILES = 10 * MAX_FILES
GIT_TIMEOUT = 120.0  # seconds for each git command run on a submission
MAX_LINK_TARGET = 4096

_CHUNK = 1 << 20
_REPOSITORY_PARTS = ("HEAD", "packed-refs", "refs", "objects")
_ALTERNATES = (PurePosixPath("info/alternates"), PurePosixPath("info/http-alternates"))  # in objects/
_LINK_MODE, _SUBMODULE_MODE = b"120000", b"160000"


class Refused(Exception):
    """A submission that is not graded; the message says why, for the candidate and the grader."""


@dataclass(frozen=True)
class Submission:
    name: str  # as the candidate named it: the folder's or the zip's name
    source: Path

    @property
    def kind(self) -> str:
        if self.source.suffix == ".zip" and not self.source.is_dir():
            return "zip"
        return "git" if os.path.lexists(self.source / ".git") else "folder"


@dataclass(frozen=True)
class Unpacked:
    """A submission laid out: the folder that mirrors exercises/, the fingerprint of its Python files,
    and for a git repository the commit graded."""

    folder: Path
    digest: str
    commit: str | None = None


def _answers_folder(folder: Path) -> Path | None:
    """Where in ``folder`` the answers mirror exercises/: the folder itself, or its exercises/ (a
    student release's layout); None when neither does."""
    for candidate in (folder, folder / EXERCISES_DIR):
        if any((candidate / topic).is_dir() for topic in TOPICS):
            return candidate
    return None


def holds_notebooks(folder: Path) -> bool:
    """Whether ``folder`` holds notebooks (``<name>.ipynb``, as nbgrader's submitted/ folders do) and
    no tree of modules: its answers are read out of the notebooks."""
    return _answers_folder(folder) is None and any(p.suffix == NOTEBOOK_SUFFIX for p in folder.glob("*.ipynb"))


def _mirrors_exercises(folder: Path) -> bool:
    return _answers_folder(folder) is not None or holds_notebooks(folder)


def _named(path: Path) -> Submission:
    return Submission(path.stem if path.suffix == ".zip" else path.name, path)


def find_submissions(paths: list[Path]) -> list[Submission]:
    """The submissions ``paths`` name, in a fixed order: each path a submission itself, or a cohort
    folder of them (in name order). Names may repeat: a cohort gives each its own folder."""
    found: list[Submission] = []
    for path in paths:
        is_repository = os.path.lexists(path / ".git")
        if (path.is_file() and path.suffix == ".zip") or _mirrors_exercises(path) or is_repository:
            found.append(_named(path))
        elif path.is_dir() and not path.is_symlink():
            entries = sorted(p for p in path.iterdir() if not p.name.startswith("."))
            cohort = [_named(p) for p in entries if _is_entry(p)]
            # a folder of submissions is a cohort; an empty one is a submission with nothing in it
            found += cohort or [Submission(path.name, path)]
        else:
            raise Refused(f"{path} is not a directory mirroring exercises/, a zip of one, or a git repository")
    return found


def _is_entry(path: Path) -> bool:
    return (path.is_dir() and not path.is_symlink()) or (path.is_file() and path.suffix == ".zip")


class _Budget:
    """What an unpacking has taken so far; refuses the submission the moment that is over the limits."""

    def __init__(self, what: str, max_files: int = MAX_FILES, max_bytes: int = MAX_TOTAL_BYTES) -> None:
        self.what, self.max_files, self.max_bytes = what, max_files, max_bytes
        self.files = self.bytes = 0

    def count(self, files: int = 0, size: int = 0) -> None:
        self.files += files
        self.bytes += size
        if self.files > self.max_files or self.bytes > self.max_bytes:
            raise Refused(
                f"{self.what} holds more than {self.max_files} files and folders or {self.max_bytes >> 20} MB"
            )

    def copy(self, source: BinaryIO, target: Path, size: int | None = None) -> None:
        """Stream ``source`` into the new file ``target``: exactly ``size`` bytes, counted before any is
        read, when the size is known; otherwise all of it, counted chunk by chunk."""
        if size is not None:
            self.count(size=size)
        left = size
        with open(target, "wb") as sink:
            while left is None or left > 0:
                chunk = source.read(_CHUNK if left is None else min(_CHUNK, left))
                if not chunk:
                    break
                sink.write(chunk)
                if left is None:
                    self.count(size=len(chunk))
                else:
                    left -= len(chunk)
        if left:
            raise Refused(f"{target.name} ended {left} bytes early")


def _described(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (a named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "neither a file nor a folder"


def _copy_file(path: Path, target: Path, budget: _Budget, shown: PurePosixPath) -> None:
    # O_NONBLOCK: should a FIFO have taken the file's place since it was listed, opening it does not wait
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with open(descriptor, "rb") as source:
        status = os.fstat(source.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise Refused(f"{shown} is {_described(status.st_mode)}: only files and folders are read")
        budget.copy(source, target, status.st_size)


def _copy_plain(
    source: Path,
    destination: Path,
    budget: _Budget,
    *,
    shown: PurePosixPath,
    keep_links: bool,
    leave_out: Callable[[PurePosixPath], bool] = lambda relative: False,
) -> None:
    """Copy the file or folder ``source`` to ``destination``, folders and regular files only, each
    counted by ``budget`` before it is read; what ``leave_out`` picks (by its path from ``source``) is
    left out. Links are copied as links when ``keep_links`` (for ``_settle_links``) and refused
    otherwise; FIFOs (which would block the reader), sockets and devices are refused. Refusals name the
    entry as ``shown`` / its path."""
    pending = [PurePosixPath()]
    while pending:
        relative = pending.pop()
        path, target = source.joinpath(*relative.parts), destination.joinpath(*relative.parts)
        mode = path.lstat().st_mode
        if stat.S_ISDIR(mode):
            target.mkdir(exist_ok=True)
            with os.scandir(path) as entries:
                for entry in entries:  # counted while listed: a folder may hold millions of entries
                    if not leave_out(relative / entry.name):
                        budget.count(files=1)
                        pending.append(relative / entry.name)
        elif stat.S_ISREG(mode):
            _copy_file(path, target, budget, shown / relative)
        elif stat.S_ISLNK(mode) and keep_links:
            os.symlink(os.readlink(path), target)
        else:
            raise Refused(f"{shown / relative} is {_described(mode)}: only files and folders are read")


def _not_graded(relative: PurePosixPath) -> bool:
    """What a folder submission's copy leaves out."""
    return relative.name in (".git", "__pycache__")


def _settle_links(folder: Path, budget: _Budget) -> None:
    """Replace each link in ``folder`` by a copy of the file it leads to, so that the tree is plain. A
    link that leads outside ``folder``, to a folder, nowhere or round in a loop refuses the submission."""
    root = Path(os.path.realpath(folder))
    links = [Path(c, n) for c, dirs, files in os.walk(folder) for n in dirs + files if os.path.islink(Path(c, n))]
    for link in links:
        shown = link.relative_to(folder)
        if not Path(os.path.realpath(link)).is_relative_to(root):
            raise Refused(f"{shown} is a link to something outside the submission")
        try:
            real = Path(os.path.realpath(link, strict=True))
        except OSError:
            raise Refused(f"{shown} is a link that leads nowhere or round in a loop") from None
        if not real.is_file():
            raise Refused(f"{shown} is a link to a folder; submit plain files")
    for link in links:  # only now that every link is known to lead to a file inside
        real = Path(os.path.realpath(link, strict=True))
        handle, copy = tempfile.mkstemp(dir=link.parent)
        os.close(handle)
        _copy_file(real, Path(copy), budget, PurePosixPath(link.relative_to(folder)))
        os.replace(copy, link)


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise Refused(f"the archive entry {name!r} would land outside the submission")
    return path


def _place(root: Path, relative: PurePosixPath, *, folder: bool = False) -> Path:
    """Where the entry ``relative`` goes under ``root``, with the folders above it made (and it too, for
    a folder); refused when a file and a folder would share a name."""
    target = root.joinpath(*relative.parts)
    try:
        (target if folder else target.parent).mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise Refused(f"{relative}: a file and a folder by the same name are on its path") from None
    if not folder and target.is_dir():
        raise Refused(f"{relative}: a file and a folder by the same name are on its path")
    return target


def _unzip(archive: Path, destination: Path, budget: _Budget) -> None:
    if archive.stat().st_size > MAX_TOTAL_BYTES:
        raise Refused(f"{archive.name} is larger than {MAX_TOTAL_BYTES >> 20} MB")
    with zipfile.ZipFile(archive) as bundle:
        members = bundle.infolist()
        _Budget(f"{archive.name} says it").count(files=len(members), size=sum(m.file_size for m in members))
        for member in members:
            relative = _safe_member(member.filename)
            if stat.S_ISLNK(member.external_attr >> 16):
                raise Refused(f"the archive entry {member.filename!r} is a link; submit plain files")
            budget.count(files=1)
            target = _place(destination, relative, folder=member.is_dir())
            if not member.is_dir():
                with bundle.open(member) as source:  # the sizes the archive declares can lie: count what comes
                    budget.copy(source, target)


class _CleanGit:
    """git on a bare repository of our own, with no configuration, hooks, attributes or network but ours."""

    def __init__(self, scratch: Path) -> None:
        home = scratch / "home"
        home.mkdir()
        self.repository = scratch / "repository.git"
        self.env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_ATTR_NOSYSTEM": "1",
            "GIT_NO_REPLACE_OBJECTS": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "LC_ALL": "C",
        }
        self.output("init", "--bare", "--quiet", "--template=")

    def _command(self, args: tuple[str, ...]) -> list[str]:
        safety = ["-c", "core.hooksPath=/dev/null", "-c", "protocol.allow=never"]
        return ["git", *safety, f"--git-dir={self.repository}", *args]

    def output(self, *args: str) -> str:
        run = subprocess.run(
            self._command(args),
            env=self.env,
            cwd=self.repository.parent,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
        if run.returncode != 0:
            reason = run.stderr.decode(errors="replace").strip().splitlines()[-1:] or [f"git {args[0]} failed"]
            raise Refused(f"its committed HEAD could not be read ({reason[0]})")
        return run.stdout.decode().strip()

    @contextmanager
    def streaming(self, *args: str, stdin: int = subprocess.DEVNULL) -> Iterator[subprocess.Popen]:
        """git with its output a pipe to read from; killed when the reader stops early or it takes too long."""
        with subprocess.Popen(
            self._command(args),
            env=self.env,
            cwd=self.repository.parent,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        ) as process:
            timer = threading.Timer(GIT_TIMEOUT, process.kill)
            timer.start()
            try:
                yield process
                if process.stdin:
                    process.stdin.close()
                finished = process.wait()
            finally:
                timer.cancel()
                process.kill()
        if finished != 0:
            raise Refused(f"its committed HEAD could not be read (git {args[0]} failed)")


@dataclass(frozen=True)
class _TreeEntry:
    mode: bytes
    sha: str
    size: int
    path: PurePosixPath


def _tree_entry(record: bytes) -> _TreeEntry:
    """One record of ``git ls-tree -l -z``: ``mode type sha size<TAB>path``."""
    about, _, path = record.partition(b"\t")
    mode, _, sha, size = about.split()
    shown = os.fsdecode(path)
    if mode == _SUBMODULE_MODE:
        raise Refused(f"{shown} is a submodule (another repository's commit): commit its files instead")
    return _TreeEntry(mode, sha.decode(), int(size), _safe_member(shown))


def _head_entries(git: _CleanGit, commit: str) -> list[_TreeEntry]:
    """The files of ``commit``'s tree, refused on their number and declared sizes before any is read."""
    declared = _Budget("its HEAD")
    entries: list[_TreeEntry] = []
    with git.streaming("ls-tree", "-r", "-l", "-z", commit) as listing:
        pending = b""
        while chunk := listing.stdout.read(1 << 16):
            *records, pending = (pending + chunk).split(b"\0")
            if len(pending) > 1 << 16:
                raise Refused("its HEAD holds a path longer than any file system allows")
            for record in records:
                entries.append(_tree_entry(record))
                declared.count(files=1, size=entries[-1].size)
    return entries


def _git_head(repository: Path, destination: Path, budget: _Budget) -> str:
    """Write the files of ``repository``'s committed HEAD to ``destination``; return the commit's sha."""
    dot_git = repository / ".git"
    if dot_git.is_symlink() or not dot_git.is_dir():
        raise Refused(".git is not a folder (a link, or a file pointing to another repository): submit the repository")
    if not os.path.lexists(dot_git / "HEAD"):
        raise Refused(".git has no HEAD")
    with tempfile.TemporaryDirectory(prefix="mlkata-git-") as scratch:
        git = _CleanGit(Path(scratch))
        copied = _Budget("its .git folder", MAX_REPOSITORY_FILES, MAX_REPOSITORY_BYTES)
        for part in _REPOSITORY_PARTS:
            if os.path.lexists(dot_git / part):
                _copy_plain(
                    dot_git / part,
                    git.repository / part,
                    copied,
                    shown=PurePosixPath(".git", part),
                    keep_links=False,
                    leave_out=lambda relative, part=part: part == "objects" and relative in _ALTERNATES,
                )
        commit = git.output("rev-parse", "--verify", "HEAD^{commit}")
        entries = _head_entries(git, commit)
        links = []
        with git.streaming("cat-file", "--batch", stdin=subprocess.PIPE) as reader:
            for entry in entries:  # --batch applies no attributes or filters: the bytes committed
                target = _place(destination, entry.path)
                reader.stdin.write(entry.sha.encode() + b"\n")
                reader.stdin.flush()
                if reader.stdout.readline(256).split()[1:] != [b"blob", str(entry.size).encode()]:
                    raise Refused(f"{entry.path} could not be read from its HEAD")
                if entry.mode == _LINK_MODE:
                    if entry.size > MAX_LINK_TARGET:
                        raise Refused(f"{entry.path} is a link to a path longer than any file system allows")
                    links.append((target, os.fsdecode(reader.stdout.read(entry.size))))
                else:
                    budget.count(files=1)
                    budget.copy(reader.stdout, target, entry.size)  # the size git declared, checked above
                reader.stdout.read(1)  # the newline after each object
    for target, leads_to in links:  # after the files, so that no file is written through a link
        os.symlink(leads_to, target)
    return commit


def _single_top_folder(folder: Path) -> Path:
    """The folder of answers: an archive of ``alice/evaluation/...`` is the submission
    ``evaluation/...``, and a student release's ``exercises/evaluation/...`` is too."""
    entries = [p for p in folder.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if not _mirrors_exercises(folder) and len(entries) == 1 and entries[0].is_dir():
        folder = entries[0]
    return _answers_folder(folder) or folder


def unpack(submission: Submission, destination: Path) -> Unpacked:
    """Lay ``submission`` out in ``destination`` (created) as a plain tree of files and folders.

    The source is only read, never changed. Raises Refused with the reason, whatever in the
    submission's files went wrong.
    """
    destination.mkdir(parents=True)
    budget = _Budget("the submission")
    commit = None
    try:
        kind = submission.kind
        if kind == "zip":
            _unzip(submission.source, destination, budget)
        elif kind == "git":
            commit = _git_head(submission.source, destination, budget)
        else:
            _copy_plain(
                submission.source, destination, budget, shown=PurePosixPath(), keep_links=True, leave_out=_not_graded
            )
        _settle_links(destination, budget)
        folder = _single_top_folder(destination)
        return Unpacked(folder, digest(folder), commit)
    except Refused:
        raise
    except Exception as error:  # hostile files fail in more ways than can be listed; each is the submission's fault
        raise Refused(f"{submission.source.name} could not be read: {error or type(error).__name__}") from error


def materialise(submission: Submission, destination: Path) -> Path:
    """``unpack``'s folder that mirrors exercises/, for a caller that needs nothing else."""
    return unpack(submission, destination).folder


def digest(folder: Path) -> str:
    """A fingerprint of the files a grading reads (modules and notebooks), to tell whether a submission changed."""
    hasher = hashlib.sha256()
    graded = (p for p in folder.rglob("*") if p.suffix in (".py", NOTEBOOK_SUFFIX) and p.is_file())
    for path in sorted(graded):
        hasher.update(os.fsencode(path.relative_to(folder)) + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()[:16]


def uncommitted_answers(repository: Path, exercises: list) -> list[str]:
    """The answer files of ``repository``'s working tree that its committed HEAD does not hold as they
    are (saved but not committed: a git submission is graded at HEAD). Reads files, runs no git
    command in the repository."""
    with tempfile.TemporaryDirectory(prefix="mlkata-head-") as scratch:
        try:
            committed = unpack(Submission(repository.name, repository), Path(scratch, "head")).folder
        except Refused:
            return []
        working = _answers_folder(repository) or repository
        changed = []
        for exercise in exercises:
            saved, graded = working / exercise.relative_module, committed / exercise.relative_module
            if saved.is_file() and (not graded.is_file() or saved.read_bytes() != graded.read_bytes()):
                changed.append(str(exercise.relative_module))
        return changed
