"""A few words a scraper glued after a paragraph's last sentence (``... yesterday. Read
more``): where they start, and what is no such tail."""

from __future__ import annotations

import regex

from hygiene.groups.boilerplate.interface import word_count

# A sentence's stop; an ellipsis is not one here ("Continue reading…" is a button).
TERMINAL = regex.compile(r"(?<!\.\.)[.!?;。！？।॥؟۔።]['\"’”»」』)\]]*\s*$")
# The last sentence stop of a line, before a tail of a few words.
_STOP = regex.compile(r"[.!?…。！？]['\"’”»)\]]*\s+")
_BRACKETS = (("(", ")"), ("[", "]"), ("（", "）"))
# Where a glued tail's sentence stop is looked for: the tail is a few words long.
TAIL_REACH = 200
GLUED_WORDS = 6


def glued_tail(text: str) -> str | None:
    """A few words after the last sentence of a line that end no sentence themselves:
    what a scraper glues to a paragraph (``... yesterday. Read more``)."""
    if TERMINAL.search(text):
        return None
    window = len(text) - min(len(text), TAIL_REACH)
    stops = [stop.end() for stop in _STOP.finditer(text, window)]
    if not stops:
        return None
    tail = text[stops[-1] :]
    if not tail or word_count(tail) > GLUED_WORDS or word_count(text[window : stops[-1]]) < 4:
        return None
    if any(tail.count(close) > tail.count(open_) for open_, close in _BRACKETS):
        return None  # it closes what the text before opened: "(feat. Stevie Wonder)"
    return tail
