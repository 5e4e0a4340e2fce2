"""Helpers for tests that start the real command: interrupting it as a terminal's Ctrl-C would, and
knowing whether candidate code can be sandboxed here."""

import os
import signal

import pytest

from mlkata import sandbox


def restore_ctrl_c() -> None:
    """A ``preexec_fn``: give the child SIGINT's default action.

    A shell starts background jobs with SIGINT ignored, and an ignored signal stays ignored through
    exec: under such a CI runner the command would never see the test's Ctrl-C.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def sandbox_available() -> bool:
    try:
        sandbox.check_available()
    except sandbox.SandboxUnavailable:
        return False
    return True


# CI installs bubblewrap: there a missing sandbox fails these tests instead of skipping them
needs_sandbox = pytest.mark.skipif(
    not sandbox_available() and not os.environ.get("CI"), reason="needs bubblewrap (apt-get install bubblewrap)"
)
