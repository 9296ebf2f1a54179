"""Whether to colour output for people, and the ANSI escapes that do it.

The choice follows the conventions terminals and CI logs already share: ``--color``
said on the command line wins; then ``NO_COLOR`` (https://no-color.org: any non-empty
value turns colour off), then ``FORCE_COLOR`` (https://force-color.org: any non-empty
value turns it on where no terminal is, as in a CI log that shows colour); then a
``dumb`` terminal has none; else colour only when the stream is a terminal. NO_COLOR
comes before FORCE_COLOR, as in CPython's own ``_colorize``: a user who asked for no
colour is not overruled by a tool that asked for some.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal, Protocol

ColourChoice = Literal["auto", "always", "never"]
COLOUR_CHOICES: tuple[ColourChoice, ...] = ("auto", "always", "never")
Style = Literal["bold", "red", "yellow", "cyan", "blue"]

_SGR: Mapping[Style, str] = {"bold": "1", "red": "31", "yellow": "33", "blue": "34", "cyan": "36"}
RESET = "\x1b[0m"


class Stream(Protocol):
    def isatty(self) -> bool: ...


def use_colour(
    choice: ColourChoice, stream: Stream | None, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether output to ``stream`` (None: a file) is coloured, for ``--color choice``."""
    if choice != "auto":
        return choice == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    return stream is not None and stream.isatty()


def paint(text: str, *styles: Style) -> str:
    """``text`` in the given styles, then back to plain. Apply it to text already escaped
    for the terminal (``hygiene.support.escape``): the escapes it adds must stay raw."""
    if not styles or not text:
        return text
    return f"\x1b[{';'.join(_SGR[style] for style in styles)}m{text}{RESET}"
