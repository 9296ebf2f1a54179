"""White space as lines are compared: any run of it is one space."""

from __future__ import annotations

import regex

SPACES = regex.compile(r"\s+")


def single_spaced(text: str) -> str:
    """White space runs as one space (``SPACES``), at C speed when there are none: a
    printable text holds no white space but single ASCII spaces."""
    return text if text.isprintable() and "  " not in text else SPACES.sub(" ", text)
