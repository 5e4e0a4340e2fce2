"""The commands that hand exercises out and collect them: ``release``, ``nbgrader``, ``gradescope``."""

from __future__ import annotations

import argparse

from mlkata import gradescope, notebooks, release


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register the distribution commands on the ``mlkata`` command's subparsers."""
    release.add_parser(commands)
    notebooks.add_parser(commands)
    gradescope.add_parser(commands)
