"""Helpers for tests that start the real command and interrupt it as a terminal's Ctrl-C would."""

import signal


def restore_ctrl_c() -> None:
    """A ``preexec_fn``: give the child SIGINT's default action.

    A shell starts background jobs with SIGINT ignored, and an ignored signal stays ignored through
    exec: under such a CI runner the command would never see the test's Ctrl-C.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
