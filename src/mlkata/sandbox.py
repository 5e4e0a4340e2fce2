"""The box candidate code runs in: bubblewrap (``bwrap``), built from an allow-list.

:func:`box_command` wraps a command so that it sees only what is bound into the box: the
interpreter and its installed packages, /usr, the engine package, the candidate's scratch copy
(read-only, at :data:`SUBMISSION`) and a private, size-capped /tmp, which is also its home and
working folder. Everything else of the host (the kit's tree, other submissions, the output folder,
the host's /tmp and /run) is simply not there. The box has new user, PID, network, IPC, UTS and
cgroup namespaces, no capabilities, a session of its own, a cleared environment, and dies with the
grader.

When the grader runs as root, each worker gets a host uid of its own (:class:`UidLease`), which a
user namespace maps to :data:`INSIDE_UID`; otherwise bwrap's own user namespace maps the grader's
uid to it. Memory and process count are capped per candidate by a cgroup (:class:`Cgroup`) where
the host lets the grader make one; elsewhere the worker's rlimits and the /tmp cap stand alone.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

INSIDE_UID = 1000
FIRST_UID = 1_900_000_000  # far above any account's uid; one per worker while it runs
UID_COUNT = 4096
SUBMISSION = "/submission"  # where the candidate's scratch copy is bound, read-only
ENGINE = "/opt/mlkata"  # where the engine package is bound: the box's only mlkata
TMP_BYTES = 256 << 20
PROCESS_LIMIT = 64  # per candidate: threads count too (BLAS pools are capped at one thread)
INSTALL_HINT = "install it (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap)"
ENVIRONMENT = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/tmp",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MPLBACKEND": "Agg",
}


class SandboxUnavailable(RuntimeError):
    """The box cannot be built on this machine; the message names what is missing and how to get it."""


def _is_root() -> bool:
    return os.geteuid() == 0


@functools.cache
def check_available() -> str:
    """bwrap's version line once a trivial box has started; SandboxUnavailable (with what to do) otherwise."""
    missing = [tool for tool in ("bwrap", *(("setpriv", "unshare") if _is_root() else ())) if not shutil.which(tool)]
    if missing:
        what = "bubblewrap (bwrap)" if "bwrap" in missing else " and ".join(missing) + " (util-linux)"
        raise SandboxUnavailable(
            f"{what} is not installed, so candidate code cannot be fenced in: {INSTALL_HINT}, "
            "or pass --isolation none to run trusted code in-process"
        )
    command = box_command([sys.executable, "-I", "-c", "pass"], scratch=None, uid=FIRST_UID + UID_COUNT - 1)
    try:
        trial = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SandboxUnavailable(f"bubblewrap could not start a box: {error}") from None
    if trial.returncode != 0:
        reason = (trial.stderr.strip().splitlines() or [f"exit status {trial.returncode}"])[-1]
        raise SandboxUnavailable(
            f"bubblewrap could not start a box ({reason}); user namespaces may be disabled "
            "(sysctl kernel.unprivileged_userns_clone=1), or pass --isolation none to run trusted code in-process"
        )
    version = subprocess.run(["bwrap", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return version or "bubblewrap"


def _python_folders() -> list[Path]:
    """What the interpreter needs: its prefixes and the package folders on its path (never the kit's
    own folders, which are on the grader's path but are not package folders)."""
    folders = {Path(sys.prefix), Path(sys.base_prefix), Path(os.path.realpath(sys.executable)).parent}
    folders |= {Path(p) for p in sys.path if p.endswith(("site-packages", "dist-packages")) and os.path.isdir(p)}
    resolved = {f.resolve() for f in folders} | folders
    return sorted(f for f in resolved if f.is_dir() and not any(o != f and f.is_relative_to(o) for o in resolved))


def package_folders() -> list[str]:
    """The package folders the worker puts on its path inside the box (``python -I`` leaves out the user's site)."""
    return [p for p in sys.path if p.endswith(("site-packages", "dist-packages")) and os.path.isdir(p)]


def _system_binds() -> list[str]:
    arguments = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/", name)
        if path.is_symlink():
            arguments += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            arguments += ["--ro-bind", str(path), str(path)]
    for name in ("/etc/ld.so.cache", "/etc/localtime"):
        arguments += ["--ro-bind-try", name, name]
    return arguments


def _bind_read_only(folder: Path, made: set[Path]) -> list[str]:
    """Bind ``folder`` at its own path, its parents made traversable (bwrap makes them 0700)."""
    arguments = []
    for parent in reversed(folder.parents):
        if parent != Path("/") and parent not in made and not str(parent).startswith("/usr"):
            made.add(parent)
            arguments += ["--perms", "0755", "--dir", str(parent)]
    return [*arguments, "--ro-bind", str(folder), str(folder)]


def box_paths() -> list[Path]:
    """The folders the box shows at fixed places (a secret that holds one of them cannot be absent)."""
    return [Path("/tmp"), Path(SUBMISSION), Path(ENGINE), Path("/usr"), *_python_folders()]


def exposed_secrets(secrets: list[Path]) -> list[str]:
    """Secrets (answer key, submissions, outputs) that the box would show because Python lives around them."""
    folders = [Path("/usr"), *_python_folders(), Path(__file__).resolve().parent]
    return [
        f"{secret} lies inside {folder}, which the box shows"
        for secret in secrets
        for folder in folders
        if secret.resolve().is_relative_to(folder.resolve())
    ]


def box_command(command: list[str], *, scratch: Path | None, uid: int | None, block_fd: int | None = None) -> list[str]:
    """``command`` wrapped in a bwrap box (see the module docstring); ``uid`` is the host uid the
    box runs as when the grader is root."""
    arguments = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    arguments += ["--hostname", "sandbox", "--die-with-parent", "--new-session", "--clearenv"]
    for name, value in ENVIRONMENT.items():
        arguments += ["--setenv", name, value]
    arguments += _system_binds()
    # the private /tmp first: an interpreter or a virtualenv under the host's /tmp is bound over it
    arguments += ["--perms", "1777", "--size", str(TMP_BYTES), "--tmpfs", "/tmp"]
    made = {Path("/tmp")}  # made already, writable by all: never re-made as a parent
    for folder in _python_folders():
        arguments += _bind_read_only(folder, made)
    arguments += ["--perms", "0755", "--dir", ENGINE]
    arguments += ["--ro-bind", str(Path(__file__).resolve().parent), f"{ENGINE}/mlkata"]
    if scratch is not None:
        arguments += ["--ro-bind", str(scratch), SUBMISSION]
    arguments += ["--proc", "/proc", "--dev", "/dev"]
    arguments += ["--chdir", "/tmp"]
    if block_fd is not None:
        arguments += ["--block-fd", str(block_fd)]
    if _is_root():
        assert uid is not None
        # root's bwrap mounts what root can read; setpriv then becomes the worker's own uid with no
        # capabilities left, and unshare gives it a user namespace of its own
        arguments += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP", "--"]
        arguments += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all"]
        arguments += ["--bounding-set=-all", "--no-new-privs", "--"]
        arguments += ["unshare", "--user", f"--map-user={INSIDE_UID}", f"--map-group={INSIDE_UID}", "--"]
    else:
        arguments += ["--unshare-user", "--uid", str(INSIDE_UID), "--gid", str(INSIDE_UID), "--cap-drop", "ALL", "--"]
    return arguments + command


class UidLease:
    """A host uid that no other live worker on this machine holds (root only), held until released."""

    def __init__(self) -> None:
        self.uid: int | None = None
        self._handle: int | None = None
        if not _is_root():
            return
        folder = Path("/run" if os.access("/run", os.W_OK) else tempfile.gettempdir(), "mlkata-uids")
        folder.mkdir(mode=0o700, exist_ok=True)
        start = uuid.uuid4().int % UID_COUNT  # spread the search so that parallel workers rarely meet
        for step in range(UID_COUNT - 1):  # the last uid is check_available's
            number = FIRST_UID + (start + step) % (UID_COUNT - 1)
            handle = os.open(folder / str(number), os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(handle)
                continue
            self.uid, self._handle = number, handle
            return
        raise SandboxUnavailable(f"all {UID_COUNT} sandbox uids are in use")

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None


class Cgroup:
    """A cgroup per candidate capping memory and processes, where the host lets the grader make one
    (cgroup v2, or v1's memory and pids controllers); :attr:`fences` says what stands."""

    V2 = Path("/sys/fs/cgroup")

    def __init__(self, memory_mb: int) -> None:
        self.folders: list[Path] = []
        self.fences: list[str] = []
        self.sweep()
        name = f"mlkata-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        with contextlib.suppress(OSError):
            if (self.V2 / "cgroup.controllers").is_file():
                self._make_v2(name, memory_mb)
            else:
                self._make_v1(name, memory_mb)
        if not self.fences:
            self.remove()

    def _make_v2(self, name: str, memory_mb: int) -> None:
        if not {"memory", "pids"} <= set((self.V2 / "cgroup.subtree_control").read_text().split()):
            return
        folder = self.V2 / name
        folder.mkdir()
        self.folders = [folder]
        (folder / "memory.max").write_text(str(memory_mb << 20))
        if (folder / "memory.swap.max").exists():  # swap would let memory outgrow the cap
            (folder / "memory.swap.max").write_text("0")
        (folder / "pids.max").write_text(str(PROCESS_LIMIT))
        self.fences = [f"cgroup memory {memory_mb} MB per candidate", f"cgroup {PROCESS_LIMIT} processes per candidate"]

    def _make_v1(self, name: str, memory_mb: int) -> None:
        memory, pids = self.V2 / "memory" / name, self.V2 / "pids" / name
        memory.mkdir()
        self.folders.append(memory)
        (memory / "memory.limit_in_bytes").write_text(str(memory_mb << 20))
        with contextlib.suppress(OSError):  # swap accounting may be off
            (memory / "memory.memsw.limit_in_bytes").write_text(str(memory_mb << 20))
        self.fences.append(f"cgroup memory {memory_mb} MB per candidate")
        pids.mkdir()
        self.folders.append(pids)
        (pids / "pids.max").write_text(str(PROCESS_LIMIT))
        self.fences.append(f"cgroup {PROCESS_LIMIT} processes per candidate")

    def enter_command(self) -> list[str]:
        """A prefix that moves the command into the cgroup before it runs anything (``sh`` then ``exec``)."""
        if not self.folders:
            return []
        moves = " && ".join(f'echo $$ > "{folder}/cgroup.procs"' for folder in self.folders)
        return ["/bin/sh", "-c", f'{moves} && exec "$@"', "sh"]

    def remove(self) -> None:
        """Kill whatever is left in the cgroup, then remove it (a cgroup with processes cannot go)."""
        for folder in reversed(self.folders):
            _empty_and_remove(folder)
        self.folders = []

    @classmethod
    def sweep(cls) -> None:
        """Remove the cgroups of grading runs that died without removing theirs."""
        for parent in (cls.V2, cls.V2 / "memory", cls.V2 / "pids"):
            with contextlib.suppress(OSError):
                for folder in parent.glob("mlkata-*-*"):
                    owner = folder.name.split("-")[1]
                    if owner.isdigit() and not Path("/proc", owner).exists():
                        _empty_and_remove(folder)


def _empty_and_remove(folder: Path, *, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            left = [int(pid) for pid in (folder / "cgroup.procs").read_text().split()]
        except OSError:
            return  # gone already
        for pid in left:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            folder.rmdir()
            return
        time.sleep(0.02)


@functools.cache
def probe_port() -> int:
    """A TCP port this process listens on at 127.0.0.1: a box that can reach it has the host's network."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    atexit.register(listener.close)
    return listener.getsockname()[1]
