"""Quotations: words a document quotes, and says who said them, are not leftovers."""

from __future__ import annotations

import regex

from hygiene.groups.language.identifier import stopword_scores
from hygiene.groups.language.kinship import foreign
from hygiene.groups.lexicon import words

QUOTED = regex.compile(r"[\"“”„«»‹›「」『』].*?[\"“”„«»‹›「」『』]")
# A speaker named after a dash: '“…” — Videgaray'.
DASH_ATTRIBUTION = regex.compile(r"[—―–]\s*\p{Lu}\p{L}+")

# The share of the best language's function words outside the quotation marks that the
# document's own language must have for the quotation to be framed by the document's words:
# half, as a frame of a few words ("dit-il", "he said") seldom leads outright.
FRAME_SHARE = 0.5


def cited_quotation(text: str) -> bool:
    """A quotation cited as such: followed by its speaker after a dash ('“…” — Videgaray'),
    or quoted whole (a title quoting an error message, ``### "Suspense Exception: ..."``):
    words quoted as they were written."""
    outside = QUOTED.sub(" ", text)
    return outside != text and (DASH_ATTRIBUTION.search(outside) is not None or _bare(outside))


def _bare(outside: str) -> bool:
    """Whether what stands outside the quotation marks holds no word."""
    return not any(character.isalnum() for character in outside)


def framed_quotation(text: str, home: tuple[str, ...]) -> bool:
    """A quotation whose surrounding words are the document's, that names its speaker
    after a dash, or that stands whole: an attributed quotation, not a leftover."""
    outside_text = QUOTED.sub(" ", text)
    if outside_text == text:
        return False
    if _bare(outside_text):
        return True
    around = stopword_scores(words(outside_text))
    best = max(around.values(), default=0.0)
    own = max((score for code, score in around.items() if not foreign(code, home)), default=0.0)
    return (
        bool(best and own >= FRAME_SHARE * best)
        or DASH_ATTRIBUTION.search(outside_text) is not None
    )
