"""Hostile submissions turned into plain trees: each problem refuses that submission alone, with a reason.

A candidate controls every byte of a submission: a git repository's configuration and hooks, where a
``.git`` file or alternates point, zip headers, links, FIFOs, and the submission's name. None of it
may run anything, reach another candidate's files, swamp the grader or stop the cohort.
"""

import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from mlkata.cohort import candidate_folders
from mlkata.submissions import MAX_FILES, MAX_TOTAL_BYTES, Refused, Submission, find_submissions, unpack

ANSWER = "def add(a, b):\n    return a + b\n"


def run_git(repository: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """git as a candidate would run it, with none of this machine's configuration."""
    env = {"PATH": os.environ["PATH"], "HOME": str(repository.parent), "GIT_CONFIG_NOSYSTEM": "1"}
    command = ["git", "-C", str(repository), "-c", "user.name=c", "-c", "user.email=c@example.com", *args]
    return subprocess.run(command, env=env, check=True, capture_output=True, **kwargs)


def committed_repository(repository: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (repository / relative).parent.mkdir(parents=True, exist_ok=True)
        (repository / relative).write_text(text)
    run_git(repository, "init", "-q")
    run_git(repository, "add", "-A")
    run_git(repository, "commit", "-qm", "answers")
    return repository


def refusal(source: Path, tmp_path: Path) -> str:
    with pytest.raises(Refused) as refused:
        unpack(Submission(source.stem, source), Path(tempfile.mkdtemp(dir=tmp_path), "tree"))
    return str(refused.value)


@contextmanager
def within(seconds: int):
    """Fail, rather than hang, when the block takes longer than ``seconds``."""

    def expire(signum, frame):
        raise TimeoutError(f"took longer than {seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- git: nothing of the candidate's repository but its committed objects is used


def test_git_reads_the_committed_head_and_none_of_the_candidates_configuration(tmp_path):
    marker = tmp_path / "ran"
    repository = committed_repository(
        tmp_path / "alice", {"evaluation/add.py": ANSWER, ".gitattributes": "* filter=x diff=x\n"}
    )
    head = run_git(repository, "rev-parse", "HEAD", text=True).stdout.strip()
    attack = tmp_path / "attack"  # as a filter, it replaces what it is given with "hacked"
    attack.write_text(f"#!/bin/sh\ntouch {marker}\ncat > /dev/null\necho hacked\n")
    attack.chmod(0o755)
    with (repository / ".git/config").open("a") as config:
        config.write(
            f'[filter "x"]\n\tsmudge = {attack}\n\tclean = {attack}\n\trequired = true\n'
            f'[diff "x"]\n\ttextconv = {attack}\n'
            f"[core]\n\tfsmonitor = {attack}\n\tpager = {attack}\n\thooksPath = {repository / 'hooks'}\n"
        )
    for hooks in (repository / ".git/hooks", repository / "hooks"):
        hooks.mkdir(exist_ok=True)
        for name in ("post-checkout", "pre-commit", "post-index-change", "reference-transaction"):
            (hooks / name).symlink_to(attack)
    (repository / "evaluation/add.py").write_text("def add(a, b):\n    return 0\n")  # not committed: not graded

    unpacked = unpack(Submission("alice", repository), tmp_path / "unpacked")

    assert (unpacked.folder / "evaluation/add.py").read_text() == ANSWER
    assert unpacked.commit == head
    assert not marker.exists(), "the candidate's git configuration ran a command"


def test_git_ignores_the_graders_own_git_environment(tmp_path, monkeypatch):
    repository = committed_repository(tmp_path / "alice", {"evaluation/add.py": ANSWER})
    monkeypatch.setenv("GIT_DIR", str(committed_repository(tmp_path / "bob", {"evaluation/add.py": "# bob"}) / ".git"))
    monkeypatch.setenv("GIT_NAMESPACE", "elsewhere")
    unpacked = unpack(Submission("alice", repository), tmp_path / "unpacked")
    assert (unpacked.folder / "evaluation/add.py").read_text() == ANSWER


@pytest.mark.parametrize("how", ["file", "link"])
def test_a_dot_git_that_is_not_a_folder_is_refused(tmp_path, how):
    committed_repository(tmp_path / "bob", {"evaluation/add.py": ANSWER})
    alice = tmp_path / "alice"
    (alice / "evaluation").mkdir(parents=True)
    if how == "file":
        (alice / ".git").write_text("gitdir: ../bob/.git\n")
    else:
        (alice / ".git").symlink_to(tmp_path / "bob/.git")
    assert ".git is not a folder" in refusal(alice, tmp_path)


def test_alternates_into_another_repository_are_not_used(tmp_path):
    committed_repository(tmp_path / "bob", {"evaluation/add.py": ANSWER})
    run_git(tmp_path, "clone", "-q", "--shared", str(tmp_path / "bob"), str(tmp_path / "alice"))
    assert (tmp_path / "alice/.git/objects/info/alternates").is_file()  # alice's commit is only in bob's objects
    assert "HEAD could not be read" in refusal(tmp_path / "alice", tmp_path)


def test_a_huge_blob_is_refused_before_it_is_read(tmp_path):
    repository = committed_repository(tmp_path / "alice", {"evaluation/add.py": ANSWER})
    size = MAX_TOTAL_BYTES + (16 << 20)
    with subprocess.Popen(["head", "-c", str(size), "/dev/zero"], stdout=subprocess.PIPE) as zeros:
        blob = run_git(repository, "hash-object", "-w", "--stdin", stdin=zeros.stdout, text=True).stdout.strip()
    run_git(repository, "update-index", "--add", "--cacheinfo", f"100644,{blob},data/zeros.bin")
    run_git(repository, "commit", "-qm", "data")
    measure = (
        "import json, resource, sys\nfrom pathlib import Path\n"
        "from mlkata.submissions import Refused, Submission, unpack\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n    unpack(Submission('alice', Path(sys.argv[1])), Path(sys.argv[2]))\n    reason = None\n"
        "except Refused as error:\n    reason = str(error)\n"
        "print(json.dumps([reason, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before]))\n"
    )
    command = [sys.executable, "-c", measure, str(repository), str(tmp_path / "unpacked")]
    reason, growth_kb = json.loads(subprocess.run(command, capture_output=True, check=True).stdout)
    assert reason is not None and f"{MAX_TOTAL_BYTES >> 20} MB" in reason
    assert growth_kb < 16 << 10, f"the grader grew by {growth_kb >> 10} MB: the blob was read before it was refused"
    assert not (tmp_path / "unpacked/data").exists()


def test_git_links_become_plain_files_and_links_out_are_refused(tmp_path):
    inside = committed_repository(tmp_path / "alice", {"evaluation/real.py": ANSWER})
    (inside / "evaluation/add.py").symlink_to("real.py")
    run_git(inside, "add", "-A")
    run_git(inside, "commit", "-qm", "a link")
    added = unpack(Submission("alice", inside), tmp_path / "alice-unpacked").folder / "evaluation/add.py"
    assert not added.is_symlink() and added.read_text() == ANSWER

    (tmp_path / "outside.py").write_text(ANSWER)
    outside = committed_repository(tmp_path / "bob", {"evaluation/double.py": ANSWER})
    (outside / "evaluation/add.py").symlink_to("../../outside.py")
    run_git(outside, "add", "-A")
    run_git(outside, "commit", "-qm", "a link out")
    assert "evaluation/add.py is a link to something outside" in refusal(outside, tmp_path)


def test_a_submodule_is_refused(tmp_path):
    repository = committed_repository(tmp_path / "alice", {"evaluation/add.py": ANSWER})
    head = run_git(repository, "rev-parse", "HEAD", text=True).stdout.strip()
    run_git(repository, "update-index", "--add", "--cacheinfo", f"160000,{head},evaluation/vendored")
    run_git(repository, "commit", "-qm", "a submodule")
    assert "evaluation/vendored is a submodule" in refusal(repository, tmp_path)


# --- zips


def zipped(path: Path, entries: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as bundle:
        for name, text in entries.items():
            bundle.writestr(name, text)
    return path


def encrypted(archive: Path) -> Path:
    """``archive`` marked as encrypted, in its local and central headers."""
    data = bytearray(archive.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + flags_at] |= 0x1
    archive.write_bytes(data)
    return archive


def corrupted(archive: Path) -> Path:
    """``archive`` with a byte of its stored answer changed, and its checksum not."""
    archive.write_bytes(archive.read_bytes().replace(b"return a + b", b"return a - b"))
    return archive


def test_an_encrypted_zip_is_refused(tmp_path):
    archive = encrypted(zipped(tmp_path / "alice.zip", {"evaluation/add.py": ANSWER}))
    assert "encrypted" in refusal(archive, tmp_path)


def test_a_zip_with_a_bad_crc_is_refused(tmp_path):
    archive = corrupted(zipped(tmp_path / "alice.zip", {"evaluation/add.py": ANSWER}))
    assert "Bad CRC-32" in refusal(archive, tmp_path)


@pytest.mark.parametrize("file_first", [True, False])
def test_a_zip_with_a_file_and_a_folder_by_one_name_is_refused(tmp_path, file_first):
    entries = [("evaluation/add.py", ANSWER), ("evaluation/add.py/inner.py", ANSWER)]
    archive = zipped(tmp_path / "alice.zip", dict(entries if file_first else entries[::-1]))
    assert "a file and a folder by the same name" in refusal(archive, tmp_path)


def test_a_zip_that_escapes_or_holds_a_link_is_still_refused(tmp_path):
    assert "would land outside" in refusal(zipped(tmp_path / "up.zip", {"../evaluation/add.py": ANSWER}), tmp_path)
    with zipfile.ZipFile(tmp_path / "link.zip", "w") as bundle:
        link = zipfile.ZipInfo("evaluation/add.py")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, "/etc/passwd")
    assert "is a link" in refusal(tmp_path / "link.zip", tmp_path)


# --- folders


def answers_folder(folder: Path) -> Path:
    (folder / "evaluation").mkdir(parents=True)
    (folder / "evaluation/add.py").write_text(ANSWER)
    return folder


def test_a_link_loop_in_a_folder_is_refused(tmp_path):
    folder = answers_folder(tmp_path / "alice")
    (folder / "evaluation/a.py").symlink_to("b.py")
    (folder / "evaluation/b.py").symlink_to("a.py")
    with within(10):
        assert "evaluation/a.py is a link that leads nowhere or round in a loop" in refusal(folder, tmp_path)


def test_a_link_to_a_folder_is_refused_and_links_to_files_become_files(tmp_path):
    folder = answers_folder(tmp_path / "alice")
    (folder / "evaluation/copy.py").symlink_to("add.py")
    unpacked = unpack(Submission("alice", folder), tmp_path / "unpacked")
    copied = unpacked.folder / "evaluation/copy.py"
    assert not copied.is_symlink() and copied.read_text() == ANSWER
    (folder / "evaluation/again").symlink_to("..")
    assert "evaluation/again is a link to a folder" in refusal(folder, tmp_path)


def test_a_fifo_in_a_folder_is_refused_without_waiting_on_it(tmp_path):
    folder = answers_folder(tmp_path / "alice")
    os.mkfifo(folder / "evaluation/pipe.py")
    with within(10):
        assert "evaluation/pipe.py is a FIFO" in refusal(folder, tmp_path)


def test_a_folder_over_the_limits_is_refused_while_it_is_walked(tmp_path):
    folder = answers_folder(tmp_path / "alice")
    with open(folder / "big.bin", "wb") as sparse:  # takes no disk: refused on its size, not after reading it
        sparse.truncate(4 * MAX_TOTAL_BYTES)
    assert f"{MAX_TOTAL_BYTES >> 20} MB" in refusal(folder, tmp_path)
    (folder / "big.bin").unlink()
    many = folder / "many"
    many.mkdir()
    for index in range(MAX_FILES):  # hard links: quicker to make than new files
        os.link(folder / "evaluation/add.py", many / str(index))
    assert f"more than {MAX_FILES} files" in refusal(folder, tmp_path)


def test_names_that_clash_are_all_found(tmp_path):
    answers_folder(tmp_path / "cohort/alice")
    zipped(tmp_path / "cohort/alice.zip", {"evaluation/add.py": ANSWER})
    found = find_submissions([tmp_path / "cohort", tmp_path / "cohort/alice"])
    assert [(s.name, s.source.name) for s in found] == [("alice", "alice"), ("alice", "alice.zip"), ("alice", "alice")]


def test_candidate_folders_are_safe_distinct_and_never_a_cohort_file():
    names = ["alice", "Alice", "alice", "a/b", "../up", ".hidden", "", "\x00\x1b", "gradebook.csv", "ﬁle", "file"]
    folders = candidate_folders([Submission(name, Path(f"/cohort/{index}")) for index, name in enumerate(names)])
    assert folders == [
        "alice", "Alice-2", "alice-3", "a_b", "up", "hidden", "candidate", "candidate-2", "gradebook.csv-2",
        "file", "file-2",
    ]  # fmt: skip


# --- a cohort: every problem above costs its submission alone


@pytest.mark.slow
def test_no_submission_stops_the_cohort(tiny_kit, tmp_path):
    cohort = tmp_path / "cohort"
    answers_folder(cohort / "good")
    answers_folder(cohort / "Good")  # the same folder on a case-insensitive disk
    zipped(cohort / "good.zip", {"evaluation/add.py": ANSWER})
    zipped(cohort / "cohort.json.zip", {"evaluation/add.py": ANSWER})  # named like the cohort's own file
    answers_folder(cohort / "\x1b[2Jbell\x07")
    answers_folder(cohort / "---")
    encrypted(zipped(cohort / "encrypted.zip", {"evaluation/add.py": ANSWER}))
    corrupted(zipped(cohort / "bad_crc.zip", {"evaluation/add.py": ANSWER}))
    zipped(cohort / "clash.zip", {"evaluation/add.py": ANSWER, "evaluation/add.py/x.py": ANSWER})
    (answers_folder(cohort / "loop") / "evaluation/loop.py").symlink_to("loop.py")
    os.mkfifo(answers_folder(cohort / "fifo") / "evaluation/pipe.py")
    link_out = committed_repository(cohort / "git_link_out", {"evaluation/double.py": ANSWER})
    (link_out / "evaluation/add.py").symlink_to("/etc/passwd")
    run_git(link_out, "add", "-A")
    run_git(link_out, "commit", "-qm", "a link out")
    (answers_folder(cohort / "git_file") / ".git").write_text("gitdir: ../git_link_out/.git\n")
    refused = {
        "encrypted": "encrypted",
        "bad_crc": "Bad CRC-32",
        "clash": "a file and a folder",
        "loop": "round in a loop",
        "fifo": "FIFO",
        "git_link_out": "outside the submission",
        "git_file": ".git is not a folder",
    }
    graded = {  # folder: candidate, in name order: the same each run
        "2Jbell": "\\x1b[2Jbell\\x07",  # as results.json writes control characters
        "candidate": "---",
        "Good": "Good",
        "cohort.json-2": "cohort.json",
        "good-2": "good",
        "good-3": "good",
    }
    out = tmp_path / "grades"
    command = [sys.executable, "-m", "mlkata", "--root", str(tiny_kit), "grade", str(cohort), "--out", str(out)]
    command += ["--isolation", "none", "--jobs", "4", "--seed", "3"]

    first = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert first.returncode == 0, first.stderr
    assert json.loads((out / "cohort.json").read_text())["seed"] == 3
    for name, phrase in refused.items():
        document = json.loads((out / name / "results.json").read_text())
        assert phrase in document["refused"], f"{name}: {document['refused']}"
        assert all(t["message"].startswith("not submitted") for e in document["exercises"] for t in e["tests"])
    for folder, candidate in graded.items():
        document = json.loads((out / folder / "results.json").read_text())
        assert document["refused"] is None and document["exercises"][0]["earned"] == 5, folder
        assert document["candidate"] == candidate and document["folder"] == folder
    assert len(list(out.glob("*/results.json"))) == len(refused) + len(graded)

    second = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert second.returncode == 0, second.stderr
    assert f"{len(refused) + len(graded)} candidate(s) already graded" in second.stderr
