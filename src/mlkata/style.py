"""Terminal styling: colour on a terminal, plain text when piped or when NO_COLOR is set."""

from __future__ import annotations

import os
from typing import TextIO

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def wants_colour(stream: TextIO) -> bool:
    """Colour when ``stream`` is a terminal; NO_COLOR turns it off and FORCE_COLOR on (in that order)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


class Painter:
    """Paints text with the colour names that results.render_table uses, or leaves it plain."""

    def __init__(self, stream: TextIO):
        self.colour = wants_colour(stream)

    def __call__(self, text: str, style: str | None) -> str:
        if not self.colour or style not in _CODES:
            return text
        return f"\033[{_CODES[style]}m{text}\033[0m"

    def bar(self, fraction: float, width: int = 24) -> str:
        """A progress bar ``width`` characters wide: blocks on a terminal, ``#`` and ``-`` when plain."""
        filled = round(max(0.0, min(1.0, fraction)) * width)
        if not self.colour:
            return "#" * filled + "-" * (width - filled)
        return self("█" * filled, "green") + self("░" * (width - filled), "dim")
