"""The process that runs candidate code: ``python -m mlkata.worker`` (started by :mod:`mlkata.isolation`).

It first fences itself in, as far as the platform allows, and reports which fences stand:
- it works in a scratch copy of the submission (its current folder);
- inside a mount namespace it lays empty file systems over the answer key (solutions, graders,
  mutants, alternatives, the original submissions) and over /tmp, /var/tmp and /dev/shm;
- inside a network namespace it has no network;
- it limits its address space and the size of any file it writes, and drops to an unprivileged
  user when it runs as root;
- the candidate's prints go to a log file, never into the channel to the grader.
Then it serves calls: each request names a module (relative to the scratch folder), a function and
its arguments, as :mod:`mlkata.wire` frames; each answer is the result, or the failure classified
exactly as in-process grading classifies it.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import resource
import signal
import sys
from pathlib import Path

from mlkata import wire
from mlkata.runner import CandidateError, NotAttempted, call_function, find_function, load_candidate

MS_NOSUID, MS_NODEV, MS_BIND, MS_REC = 2, 4, 4096, 16384
LOG_NAME = ".mlkata-output.log"
MAX_FILE_BYTES = 64 << 20


def _mount(source: str, target: str, kind: str | None, flags: int, options: str | None = None) -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    encoded = [x.encode() if x is not None else None for x in (source, target, kind, options)]
    return libc.mount(encoded[0], encoded[1], encoded[2], flags, encoded[3]) == 0


def _mount_tmpfs(path: str, mode: str = "1777") -> bool:
    return _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, f"size=256m,mode={mode}")


def _closed_ancestor(path: Path) -> Path | None:
    """The outermost folder above ``path`` that other users may not pass through, if any."""
    return next((a for a in reversed(path.parents) if not os.stat(a).st_mode & 0o001), None)


def _cover(folders: list[Path], keep: list[Path], *, mode: str = "1777") -> bool:
    """Lay an empty file system over each of ``folders``, then bind the ``keep`` folders that were
    under them back in place (Python's own files, say, in a virtualenv under /tmp)."""
    handles = {path: os.open(path, os.O_RDONLY | os.O_DIRECTORY) for path in keep}
    ok = all(_mount_tmpfs(str(folder), mode=mode) for folder in folders)
    for path, handle in handles.items():
        if any(path.is_relative_to(folder) for folder in folders):
            path.mkdir(parents=True, exist_ok=True)
            ok = ok and _mount(f"/proc/self/fd/{handle}", str(path), None, MS_BIND | MS_REC)
        os.close(handle)
    return ok


def _python_folders() -> list[Path]:
    """The folders this interpreter and its packages (this one included) are read from."""
    paths = (sys.base_prefix, sys.prefix, *sys.path, str(Path(__file__).resolve().parents[1]))
    return sorted({Path(p).resolve() for p in paths if p and os.path.isdir(p) and Path(p).resolve() != Path.cwd()})


def _has_no_network() -> bool:
    try:
        lines = Path("/proc/net/dev").read_text().splitlines()[2:]
    except OSError:
        return False
    return all(line.split(":")[0].strip() == "lo" for line in lines)


def fence(*, hide: list[str], memory_mb: int, user: int | None, private_mounts: bool) -> list[str]:
    """Fence this process in; return the fences that stand.

    File systems are laid over folders only inside a mount namespace of the worker's own (it is
    PID 1 of a new PID namespace, started by ``unshare --mount --pid``): anywhere else a mount
    would cover the host's folders for everyone.
    """
    standing = []
    private_mounts = private_mounts and os.getpid() == 1
    hidden = [path for path in hide if os.path.isdir(path)]
    if private_mounts and hidden and all(_mount_tmpfs(path) for path in hidden):
        standing.append("answer key hidden")
    python = _python_folders()
    temporary = [Path(path) for path in ("/tmp", "/var/tmp", "/dev/shm") if os.path.isdir(path)]
    if private_mounts and _cover(temporary, python):
        standing.append("private temporary folders")
    if _has_no_network():
        standing.append("no network")
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an oversized write fails with an error, not a kill
    standing.append(f"memory limit {memory_mb} MB")
    standing.append("CPU-time limit per call")
    closed = sorted({a for path in python if (a := _closed_ancestor(path)) is not None})
    if user is not None and private_mounts and os.geteuid() == 0 and _cover(closed, python, mode="0755"):
        os.setgroups([])
        os.setgid(user)
        os.setuid(user)
        standing.append("unprivileged user")
    return standing


def _answer(channel, outcome: str, **fields) -> None:
    wire.write_message(channel, wire.encode({"outcome": outcome, **fields}))


def _failure(error: BaseException, scratch: str) -> dict:
    message = str(error).replace(scratch + os.sep, "")
    original = getattr(error, "original", None)
    kinds = [k.__name__ for k in type(original).__mro__ if k.__module__ == "builtins"] if original else []
    return {"message": message, "original": kinds, "original_message": str(original) if original else ""}


RELEASED_EXIT = 86  # a child's exit status after a clean release of its exercise


def _stray_processes() -> list[int]:
    """Processes in this PID namespace other than the worker and this exercise's process: what
    candidate code started (threads are not listed). Empty outside a PID namespace of our own."""
    if os.getppid() != 1:  # the worker is PID 1 only in a namespace of its own
        return []
    own = {"1", str(os.getpid())}
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and p not in own and not _zombie(p)]


def _zombie(pid: str) -> bool:
    try:
        return Path("/proc", pid, "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True  # gone already


def _answer_call(channel_out, request: dict, modules: dict, scratch: str) -> None:
    name, relative = request["name"], request["module"]
    try:
        if relative not in modules:
            modules[relative] = load_candidate([Path(relative)], relative)
        function = find_function(modules[relative], name)
        result = call_function(function, name, request["args"], request["kwargs"], filename=relative)
        if stray := _stray_processes():
            for pid in stray:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
            raise CandidateError(f"{name} started {len(stray)} other process(es); graded code may not start processes")
    except NotAttempted as error:
        return _answer(channel_out, "not attempted", call=request["call"], **_failure(error, scratch))
    except CandidateError as error:
        return _answer(channel_out, "error", call=request["call"], **_failure(error, scratch))
    try:
        frame = wire.encode({"outcome": "returned", "call": request["call"], "value": result})
    except wire.WireError as error:
        message = (
            f"{name} returned {error}, which cannot be graded: return plain data (numbers, strings, lists, "
            "dicts, numpy arrays, pandas Series or DataFrames), as its docstring says."
        )
        return _answer(channel_out, "error", call=request["call"], message=message, original=[], original_message="")
    wire.write_message(channel_out, frame)


def _limit_cpu(seconds: float) -> None:
    """Let the coming call use at most ``seconds`` of CPU time (SIGXCPU ends the process after)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (int(used.ru_utime + used.ru_stime + seconds) + 1, hard))


def _serve_exercise(channel_in, channel_out, first: dict, scratch: str, cpu_seconds: float) -> None:
    """In a forked child: answer calls for one exercise until the grader releases it."""
    modules: dict = {}
    request = first
    while True:
        if request.get("op") == "release":
            _answer(channel_out, "released")
            os._exit(RELEASED_EXIT)
        _limit_cpu(cpu_seconds)
        _answer_call(channel_out, request, modules, scratch)
        try:
            request = wire.decode(wire.read_message(channel_in))
        except EOFError:
            os._exit(0)


def _status(status: int) -> str:
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        hint = {"SIGKILL": " (memory or CPU exhausted?)", "SIGXCPU": " (CPU time limit)", "SIGSEGV": " (a crash)"}
        return f"the process running it died of {name}{hint.get(name, '')}"
    return f"the process running it exited with code {os.WEXITSTATUS(status)} (os._exit, or a crash in native code?)"


def serve(channel_in, channel_out, scratch: str, cpu_seconds: float) -> None:
    """Fork a fresh child for each exercise, so that nothing one exercise's code does to its
    interpreter (a patched numpy, a changed builtin) reaches another's."""
    while True:
        try:
            request = wire.decode(wire.read_message(channel_in))
        except EOFError:
            return
        if request.get("op") == "exit":
            return
        if request.get("op") == "release":  # nothing to release
            _answer(channel_out, "released")
            continue
        child = os.fork()
        if child == 0:
            try:
                _serve_exercise(channel_in, channel_out, request, scratch, cpu_seconds)
            finally:
                os._exit(1)
        _, status = os.waitpid(child, 0)
        with contextlib.suppress(ChildProcessError):  # reap what the exercise's process left to PID 1
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == RELEASED_EXIT):
            _answer(channel_out, "died", message=_status(status))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlkata.worker", description=__doc__.splitlines()[0])
    parser.add_argument("--hide", action="append", default=[], help="a folder to lay an empty file system over")
    parser.add_argument("--memory", type=int, default=2048, help="address-space limit in MB")
    parser.add_argument("--cpu", type=float, default=60.0, help="CPU-time limit of one call, in seconds")
    parser.add_argument("--user", type=int, help="the user id to drop to when started as root")
    parser.add_argument(
        "--private-mounts", action="store_true", help="started in a mount namespace of its own: mounts stay inside"
    )
    args = parser.parse_args(argv)
    # the channel to the grader is this process's original stdin and stdout; the candidate gets
    # /dev/null for input and a log file for output
    channel_in = os.fdopen(os.dup(0), "rb")
    channel_out = os.fdopen(os.dup(1), "wb")
    log = os.open(LOG_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    if args.user is not None and os.geteuid() == 0:
        os.chown(LOG_NAME, args.user, args.user)
    try:
        standing = fence(hide=args.hide, memory_mb=args.memory, user=args.user, private_mounts=args.private_mounts)
    except OSError as error:
        _answer(channel_out, "broken", message=f"the worker could not fence itself in: {error}")
        return 1
    import sklearn.base  # noqa: F401 - warm for every exercise's child, which starts as a fork of this process

    _answer(channel_out, "ready", fences=standing)
    serve(channel_in, channel_out, os.getcwd(), args.cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())
