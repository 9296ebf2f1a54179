"""Which language codes count as one language: a code and its regional variants, and the
close languages that language identification cannot keep apart on a sentence or two."""

from __future__ import annotations

from functools import cache

# Languages that language identification cannot keep apart on a sentence or two: a
# "stray" between them is more often the identifier's confusion than a leftover.
EQUIVALENT = (
    {"no", "nb", "nn", "da", "sv"},
    {"sr", "hr", "bs", "sh"},
    {"cs", "sk"},
    {"ms", "id"},
    {"fa", "ku"},
)


@cache
def same_language(first: str, second: str) -> bool:
    """Codes of one language or of close ones (Scandinavian, Serbo-Croatian, Czech and
    Slovak, Malay and Indonesian)."""
    first, second = first.split("-")[0], second.split("-")[0]
    return first == second or any(first in group and second in group for group in EQUIVALENT)


@cache
def foreign(language: str, home: tuple[str, ...]) -> bool:
    """Whether ``language`` is none of the document's (asked for every candidate language of
    every segment: cached)."""
    return not any(same_language(language, code) for code in home)
