"""Grading a cohort on a ``dask.distributed`` cluster: ``mlkata grade COHORT --scheduler tcp://HOST:8786``.

Everything that knows of Dask is here, and ``distributed`` is imported only when a cluster is asked
for: it is the optional extra ``mlkata[cluster]``. ``grade_cohort`` keeps its own loop (skipping what
is up to date, writing each candidate as it finishes, Ctrl-C, ``--force``); it only submits to a
``ClusterExecutor`` instead of a thread pool.

Workers do not share the client's files. The client unpacks each submission with ``unpack`` (so the
refusals and the fingerprint are decided in one place) and ships the unpacked tree as a zip in
memory; the worker grades it with ``grade_one`` against the kit installed on its own machine
(``MLKATA_KIT``, or the kit around its working directory), in the same sandbox as a local job. Each
task carries the digest of the client's kit (graders, solutions, data and engine: ``cache.kit_digest``)
and a worker whose kit differs refuses it: that candidate is not written, and a re-run grades it. A
submission the client refuses never reaches a worker: nothing of it is laid out, so no candidate code
exists to run, and the client grades it as not submitted itself, in-process.

A worker that dies mid-task costs nothing: the scheduler gives its tasks to another worker, and the
client writes a candidate only when its result arrives, once.
"""

from __future__ import annotations

import concurrent.futures as cf
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from mlkata import layout
from mlkata.cache import CACHE_FOLDER, kit_digest
from mlkata.cohort import GradingFailed, GradingOptions, submission_fingerprint
from mlkata.submissions import MAX_FILES, MAX_TOTAL_BYTES, Refused, Submission, Unpacked, unpack

INSTALL_HINT = 'pip install "mlkata[cluster]"'
KIT_VARIABLE = "MLKATA_KIT"  # on a worker: the kit it grades with
# more tries for a task that raised: none, as on one machine (a failed grading is reported, a re-run retries it);
# a worker that dies is another matter: the scheduler reruns its tasks elsewhere (its allowed-failures)
RETRIES = 0
# the unpacked tree is already within the submission limits; a zip adds headers, never compresses past this
MAX_SHIPPED_BYTES = MAX_TOTAL_BYTES + MAX_FILES * 1024
_ADDRESS = re.compile(r"(tcp|tls)://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})")


class ClusterUnavailable(GradingFailed):
    """The cluster cannot be used: the extra is missing, or no scheduler answers; nothing is graded."""


def check_address(address: str) -> str:
    """``address`` if it names a scheduler as ``tcp://HOST:PORT`` or ``tls://HOST:PORT``; ValueError otherwise."""
    match = _ADDRESS.fullmatch(address)
    if match is None or not 0 < int(match[3]) < 65536:
        raise ValueError(
            f"--scheduler wants a Dask scheduler's address, tcp://HOST:PORT or tls://HOST:PORT "
            f"(as `dask scheduler` prints it), not {address!r}"
        )
    return address


def load_distributed() -> Any:
    """The ``distributed`` module; ClusterUnavailable, naming the extra to install, when it is missing."""
    try:
        import distributed
    except ImportError as error:
        raise ClusterUnavailable(
            f"grading on a cluster needs dask.distributed, which is not installed ({error}): {INSTALL_HINT}"
        ) from None
    return distributed


def pack(folder: Path) -> bytes:
    """``folder`` (an unpacked submission: plain files and folders) as the bytes of a zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    if buffer.tell() > MAX_SHIPPED_BYTES:
        raise GradingFailed(
            f"{folder.name}: the unpacked submission packs to more than {MAX_SHIPPED_BYTES} bytes, too much to ship"
        )
    return buffer.getvalue()


def worker_kit() -> Path:
    """The kit this worker grades with: ``MLKATA_KIT``, or the kit around the working directory."""
    configured = os.environ.get(KIT_VARIABLE)
    return layout.find_kit_root(Path(configured) if configured else None)


def _worker_context() -> tuple[str, int, Path]:
    """This worker's address, its threads (candidates graded side by side) and its own folder."""
    from distributed import get_worker

    try:
        worker = get_worker()
    except ValueError:  # not on a worker: called directly
        return "this process", 1, Path(tempfile.gettempdir())
    return worker.address, worker.state.nthreads, Path(worker.local_directory)


def grade_shipped(
    grade: Callable[..., dict],
    name: str,
    archive: bytes,
    exercise_ids: list[str],
    options: GradingOptions,
    expected_kit: str,
) -> dict:
    """On a worker: ``grade`` (``cohort.grade_one``) the shipped submission against this worker's kit.

    GradingFailed when the worker cannot grade it as the client would (another kit, no sandbox): the
    candidate is then not written.
    """
    address, nthreads, local = _worker_context()
    try:
        root = worker_kit()
    except layout.KitNotFound as error:
        raise GradingFailed(f"worker {address} has no kit: {error}; set {KIT_VARIABLE} to its checkout") from None
    if kit_digest(root) != expected_kit:
        raise GradingFailed(
            f"worker {address} grades with another kit than the client's ({root}): install the same kit and "
            f"mlkata on every worker (or point {KIT_VARIABLE} at it) and run again"
        )
    if options.isolation == "process":
        from mlkata.sandbox import SandboxUnavailable, check_available

        try:
            check_available()
        except SandboxUnavailable as error:
            raise GradingFailed(f"worker {address} cannot sandbox candidate code: {error}") from None
    by_id = {e.id: e for e in layout.discover(root)}
    missing = [i for i in exercise_ids if i not in by_id]
    if missing:
        raise GradingFailed(f"worker {address}'s kit ({root}) lacks {', '.join(missing)}")
    cache = local / CACHE_FOLDER  # the worker's own: its entries are unpickled, so only it may write there
    options = replace(options, cache=cache, threads=max(1, (os.cpu_count() or 1) // nthreads))
    with tempfile.TemporaryDirectory(prefix="mlkata-shipped-") as scratch:
        source = Path(scratch, "submission.zip")
        source.write_bytes(archive)
        exercises = [by_id[i] for i in exercise_ids]
        return grade(root, Submission(name, source), exercises, options, hide=[Path(scratch), cache])


class ClusterExecutor(cf.Executor):
    """Runs ``cohort.grade_one`` calls on a Dask cluster, each returning a concurrent.futures Future.

    ``submit`` unpacks the submission here and ships it; the Future holds the results document, or
    GradingFailed for anything that kept a candidate from being graded (the cluster's failures too),
    so that one candidate's trouble never stops the run.
    """

    def __init__(self, address: str, root: Path) -> None:
        distributed = load_distributed()
        try:
            self._client = distributed.Client(check_address(address), set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise ClusterUnavailable(
                f"no Dask scheduler answered at {address} ({error}): start one with `dask scheduler` "
                "and workers with `dask worker ADDRESS` (docs/cluster.md)"
            ) from None
        self._remote = self._client.get_executor(pure=False, retries=RETRIES)
        self._local = cf.ThreadPoolExecutor(max_workers=1)  # refused submissions: graded here, nothing to run
        self._kit = kit_digest(root)

    def submit(  # grade_one's arguments: the executor serves grade_cohort alone
        self,
        grade: Callable[..., dict],
        root: Path,
        submission: Submission,
        exercises: list[layout.Exercise],
        options: GradingOptions,
        *,
        hide: list[Path],
    ) -> cf.Future:
        settled: cf.Future = cf.Future()
        with tempfile.TemporaryDirectory(prefix="mlkata-ship-") as scratch:
            try:
                unpacked = unpack(submission, Path(scratch, "tree"))
            except Refused:
                # unpacked again by grade_one, which grades it as not submitted with the reason
                return self._local.submit(
                    grade, root, submission, exercises, replace(options, isolation="none"), hide=hide
                )
            try:
                archive = pack(unpacked.folder)
            except GradingFailed as failure:
                settled.set_exception(failure)
                return settled
        ids = [e.id for e in exercises]
        remote = self._remote.submit(grade_shipped, grade, submission.name, archive, ids, options, self._kit)
        remote.add_done_callback(lambda done: _settle(done, settled, submission, unpacked))
        return settled

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Cancel what has not finished when told to (Ctrl-C); close the connection to the scheduler."""
        self._remote.shutdown(wait=wait and not cancel_futures)
        self._local.shutdown(wait=wait, cancel_futures=cancel_futures)
        self._client.close()


def _settle(remote: cf.Future, settled: cf.Future, submission: Submission, unpacked: Unpacked) -> None:
    """Pass ``remote``'s outcome on as the local grading's would be: the fingerprint of the submission
    as the client read it (the worker saw a zip of it), and GradingFailed for any failure."""
    if remote.cancelled():
        settled.cancel()
        settled.set_running_or_notify_cancel()
        return
    error = remote.exception()
    if isinstance(error, GradingFailed):
        settled.set_exception(error)
    elif error is not None:  # the cluster's trouble (a worker killed too often, a lost connection)
        settled.set_exception(GradingFailed(f"grading {submission.name!r} on the cluster failed: {error!r}"))
    else:
        document = remote.result()
        document["submission"] = {"kind": submission.kind, **submission_fingerprint(unpacked)}
        settled.set_result(document)
