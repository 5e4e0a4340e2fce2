"""The process that runs candidate code, inside its sandbox (started by :mod:`mlkata.isolation`).

Before any candidate code runs, it sets its limits (address space, file size, no core dumps, and
the process count where the box has a uid of its own) and checks from inside which fences stand,
reporting only those it saw: the answer key and the other secrets it was named are absent, a TCP
connection to the grader's probe port fails, it has no capabilities and is not root outside its
user namespace, and the system and the submission are read-only. The candidate's prints go to a
log inside the box's /tmp, never into the channel to the grader.

Then it serves calls: each request names a module (relative to the submission), a function and its
arguments, as :mod:`mlkata.wire` frames; each answer is the result, or the failure classified
exactly as in-process grading classifies it.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import resource
import signal
import socket
import sys
from pathlib import Path

from mlkata import wire
from mlkata.runner import CandidateError, NotAttempted, call_function, find_function, load_candidate

SUBMISSION = "/submission"  # where the sandbox binds the candidate's files (mlkata.sandbox.SUBMISSION)
LOG_PATH = "/tmp/.mlkata-output.log"
MAX_FILE_BYTES = 64 << 20


def _secrets_absent(secrets: list[str]) -> bool:
    return all(not os.path.lexists(path) for path in secrets)


def _network_closed(port: int) -> bool:
    """No interface but loopback, and the grader's listening port on the host's loopback is out of reach."""
    try:
        interfaces = [line.split(":")[0].strip() for line in Path("/proc/net/dev").read_text().splitlines()[2:]]
    except OSError:
        return False
    if any(name != "lo" for name in interfaces):
        return False
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def _unprivileged() -> bool:
    """No capabilities, and a uid that is not root outside the user namespace."""
    status = dict(line.split(":\t", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":\t" in line)
    no_capabilities = all(int(status.get(key, "1"), 16) == 0 for key in ("CapEff", "CapPrm", "CapAmb"))
    outside = [line.split() for line in Path("/proc/self/uid_map").read_text().splitlines()]
    mine = next((int(o) for inside, o, count in outside if int(inside) <= os.getuid() < int(inside) + int(count)), 0)
    return no_capabilities and os.getuid() != 0 and mine != 0


def _read_only(*folders: str) -> bool:
    for folder in folders:
        try:
            os.close(os.open(os.path.join(folder, ".mlkata-probe"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as error:
            if error.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                return False
            continue
        return False
    return True


def fence(*, secrets: list[str], probe_port: int, memory_mb: int, process_limit: int | None) -> list[str]:
    """Set this process's limits and return the fences that stand, as seen from inside."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an oversized write fails with an error, not a kill
    standing = [
        f"memory limit {memory_mb} MB per process",
        "CPU-time limit per call",
        f"files at most {MAX_FILE_BYTES >> 20} MB",
    ]
    if process_limit is not None:
        resource.setrlimit(resource.RLIMIT_NPROC, (process_limit, process_limit))
        standing.append(f"at most {process_limit} processes")
    checks = {
        "answer key out of sight": _secrets_absent(secrets),
        "no network": _network_closed(probe_port),
        "unprivileged": _unprivileged(),
        "read-only system": _read_only("/usr", SUBMISSION, "/"),
    }
    with contextlib.suppress(OSError):
        checks["own cgroup namespace"] = all(
            line.endswith(":/") for line in Path("/proc/self/cgroup").read_text().split()
        )
    checks["own hostname"] = socket.gethostname() == "sandbox"  # what the box sets in its UTS namespace
    standing += [name for name, stands in checks.items() if stands]
    with contextlib.suppress(OSError):
        tmp = os.statvfs("/tmp")
        standing.append(f"private /tmp of {tmp.f_blocks * tmp.f_frsize >> 20} MB")
    return standing


def _answer(channel, outcome: str, **fields) -> None:
    wire.write_message(channel, wire.encode({"outcome": outcome, **fields}))


def _failure(error: BaseException) -> dict:
    message = str(error).replace(SUBMISSION + os.sep, "")
    original = getattr(error, "original", None)
    kinds = [k.__name__ for k in type(original).__mro__ if k.__module__ == "builtins"] if original else []
    return {"message": message, "original": kinds, "original_message": str(original) if original else ""}


RELEASED_EXIT = 86  # a child's exit status after a clean release of its exercise


def _stray_processes() -> list[int]:
    """Processes in the box's PID namespace other than its init, the worker and this exercise's
    process: what candidate code started (threads are not listed)."""
    own = {"1", str(os.getppid()), str(os.getpid())}
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and p not in own and not _zombie(p)]


def _cpu_seconds() -> float:
    """CPU time this process (all its threads) has used, user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _end_stray_processes() -> int:
    """Kill what candidate code started (repeatedly: a process may fork while it is being killed);
    return how many there were."""
    ended: set[int] = set()
    while stray := [pid for pid in _stray_processes() if pid not in ended]:
        for pid in stray:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(pid, 0)
        ended.update(stray)
    return len(ended)


def _zombie(pid: str) -> bool:
    try:
        return Path("/proc", pid, "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True  # gone already


def _answer_call(channel_out, request: dict, modules: dict) -> None:
    name, relative = request["name"], request["module"]
    path = Path(SUBMISSION, relative)
    try:
        if relative not in modules:
            modules[relative] = load_candidate([path], relative)
        function = find_function(modules[relative], name)
        started = _cpu_seconds()
        try:
            result = call_function(function, name, request["args"], request["kwargs"], filename=str(path))
        finally:
            cpu = _cpu_seconds() - started
            stray = _end_stray_processes()  # whether the call returned or raised: none outlive it
        if stray:
            raise CandidateError(f"{name} started {stray} other process(es); graded code may not start processes")
    except NotAttempted as error:
        return _answer(channel_out, "not attempted", call=request["call"], **_failure(error))
    except CandidateError as error:
        return _answer(channel_out, "error", call=request["call"], **_failure(error))
    try:
        if request.get("with_arguments"):  # the grader checks what the call did to its inputs
            result = {"result": result, "args": list(request["args"]), "kwargs": request["kwargs"]}
        frame = wire.encode({"outcome": "returned", "call": request["call"], "value": result, "cpu": cpu})
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


def _serve_exercise(channel_in, channel_out, first: dict, cpu_seconds: float) -> None:
    """In a forked child: answer calls for one exercise until the grader releases it."""
    modules: dict = {}
    request = first
    while True:
        if request.get("op") == "release":
            _answer(channel_out, "released")
            os._exit(RELEASED_EXIT)
        _limit_cpu(cpu_seconds)
        _answer_call(channel_out, request, modules)
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


def serve(channel_in, channel_out, cpu_seconds: float) -> None:
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
                _serve_exercise(channel_in, channel_out, request, cpu_seconds)
            finally:
                os._exit(1)
        _, status = os.waitpid(child, 0)
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == RELEASED_EXIT):
            _answer(channel_out, "died", message=_status(status))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mlkata.worker", description=__doc__.splitlines()[0])
    parser.add_argument("--secret", action="append", default=[], help="a path that must not exist in the box")
    parser.add_argument("--probe-port", type=int, required=True, help="a port the grader listens on at 127.0.0.1")
    parser.add_argument("--memory", type=int, default=2048, help="address-space limit per process, in MB")
    parser.add_argument("--cpu", type=float, default=60.0, help="CPU-time limit of one call, in seconds")
    parser.add_argument("--process-limit", type=int, help="the most processes (and threads) of the box's uid")
    args = parser.parse_args(argv)
    # the channel to the grader is this process's original stdin and stdout; the candidate gets
    # /dev/null for input and a log file for output
    channel_in = os.fdopen(os.dup(0), "rb")
    channel_out = os.fdopen(os.dup(1), "wb")
    log = os.open(LOG_PATH, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    try:
        standing = fence(
            secrets=args.secret, probe_port=args.probe_port, memory_mb=args.memory, process_limit=args.process_limit
        )
    except OSError as error:
        _answer(channel_out, "broken", message=f"the worker could not set its limits: {error}")
        return 1
    import sklearn.base  # noqa: F401 - warm for every exercise's child, which starts as a fork of this process

    _answer(channel_out, "ready", fences=standing)
    serve(channel_in, channel_out, args.cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())
