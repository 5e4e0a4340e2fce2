"""A grading host: one long-lived process that grades candidate after candidate.

Starting Python, importing numpy, pandas and scikit-learn, and collecting the graders cost more than
grading a good submission does. A host pays them once: it runs one pytest session per request, in
the same process, so the graders' modules, the generated data and the work shared through
``cache.py`` (the reference's answers, the graders' refits) stay warm from one candidate to the next.

Candidates stay apart because their code never runs in the host: a host is used only when candidate
code runs in the sandbox, each candidate in a worker of its own that ends with its session. What
reaches the host from a candidate is data (decoded answers), which no later candidate's grading reads.

The protocol: one JSON request per line on stdin (``{"args": [...]}``, pytest's arguments), one JSON
reply per line on the file descriptor named by ``--reply-fd`` (``{"returncode": N, "output": "..."}``).
The host's own stdout and stderr are its parent's log, never the channel, so that output escaping
pytest's capture cannot corrupt a reply. It exits at the end of stdin.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys


def serve(requests: io.TextIOBase, replies: io.TextIOBase) -> None:
    import pytest

    for line in requests:
        request = json.loads(line)
        output = io.StringIO()
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            try:
                returncode = int(pytest.main(request["args"]))
            except BaseException as error:  # noqa: BLE001 - the parent learns of it and retires this host
                print(f"the grading session failed: {type(error).__name__}: {error}")
                returncode = int(pytest.ExitCode.INTERNAL_ERROR)
        replies.write(json.dumps({"returncode": returncode, "output": output.getvalue()}) + "\n")
        replies.flush()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m mlkata.host", description=__doc__.splitlines()[0])
    parser.add_argument("--reply-fd", type=int, required=True, help="the file descriptor replies are written to")
    args = parser.parse_args()
    with os.fdopen(args.reply_fd, "w", encoding="utf-8", errors="replace") as replies:
        serve(sys.stdin, replies)


if __name__ == "__main__":
    main()
