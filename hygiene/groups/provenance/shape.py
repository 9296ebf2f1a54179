"""How a quotation stands in its sentence, for the quotations no speech verb attributes.

Speech stands as a sentence of its own: it opens its sentence (or follows a colon, a
dash, a list marker) and ends it. A quotation with words of the sentence on either side
is a constituent of the sentence: a term, a title, a name, an interface string, a
phrase being discussed (``select "Sign off"``, ``the credo "never trust"``, Japanese
``「コンテキストマネージャ」とは``, Korean ``"기억"을``). Words of the language are not
needed to see it, so the test holds in any language.

Shapes also attribute a quotation without knowing the verb: a short clause after it
that ends the sentence (``„…“, sagte er.``, ``"…," dijo.``, ``"…" - [Brian Kernighan]``),
words before it ending with a colon (``The minister: "…"``), in its paragraph or ending
the paragraph above, and a credit line under it (``— Thomas Jefferson``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import regex

from hygiene.groups.provenance.speech import WORD
from hygiene.text.phrases import SENTENCE_STOPS, UNSPACED

# A character of the document by offset: its scope ("prose", "code", "heading" ...).
KindAt = Callable[[int], str]
QuoteKind = Literal["quote", "term", "title"]
Shape = Literal["alone", "embedded", "lead-in", "tail"]

# Emphasis marks around a quotation do not separate it from its sentence.
_TRANSPARENT = frozenset("*_~")
_STOPS = SENTENCE_STOPS
_TERMINAL = frozenset(_STOPS)
_COLONS = frozenset(":：")
_DASHES = frozenset("-–—―")
_TAIL_LEAD = " ,;\u00a0-–—―"  # what stands between a quotation and the clause after it
_TAIL_PUNCTUATION = frozenset(",;") | _DASHES
_ASIDE_OPENERS = frozenset("([（【")
_ASIDE_CLOSERS = frozenset(")]）】")
_OPENING_MARKS = '“„«‹「『"'
# Where a quotation stands among other text it is a name, not speech.
_NAMING_SCOPES = frozenset({"heading", "table", "link"})
MAX_TAIL_WORDS = 8
MAX_CREDIT_WORDS = 12  # three names and a company: "A B, C D, and E F - Uber (source)"
_CREDIT_DASHES = ("—", "–", "―", "--")  # not "- ": a list's bullet
_WORD = regex.compile(r"\S+")
_CLAUSE_ENDS = frozenset(SENTENCE_STOPS + ",;:")  # a title ends with none of them
# A list item's marker at a line's start.
_LIST_MARKER = regex.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_REACH = 300  # how far past blanked markup a neighbour is looked for


def all_prose(offset: int) -> str:
    """The scope of every character of a text without structure (plain text)."""
    return "prose"


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a quotation stands: its shape, and for ``lead-in`` and ``tail`` the offsets
    (in the paragraph) of the words that introduce it."""

    shape: Shape
    words: tuple[int, int] | None = None


def _neighbour(
    text: str, index: int, step: int, sentence: tuple[int, int], kind_at: KindAt, offset: int
) -> str:
    """The first character read from ``index`` on in direction ``step``, past white
    space, emphasis and blanked markup: ``""`` at the sentence's edge, ``"x"`` (a word)
    where blanked code comes first: code is a word of the sentence."""
    position = index
    for _ in range(_REACH):
        if not sentence[0] <= position < sentence[1]:
            return ""
        char = text[position]
        if not (char.isspace() or char in _TRANSPARENT):
            return char
        if kind_at(offset + position) == "code":
            return "x"
        position += step
    return ""


def _in_list_item(text: str, start: int) -> bool:
    """Whether ``start`` is in a list item: its line, or the line its indented lines
    continue, opens with a list's marker (``1.  Intro… "What is Foo?"``). Looked for
    within ``_REACH`` characters, so that a text of many quotations costs linear time."""
    low = max(0, start - _REACH)
    line_start = text.rfind("\n", low, start) + 1 or low
    while True:
        if _LIST_MARKER.match(text, line_start):
            return True
        if line_start <= low or not text[line_start : line_start + 1].isspace():
            return False  # a line of its own, not a list item's continuation
        line_start = text.rfind("\n", low, line_start - 1) + 1 or low


def _starts(char: str) -> bool:
    """Whether a sentence may start with ``char``: a capital, a digit, or a letter of a
    script without case (Hangul, Han, Arabic ...)."""
    return char.isupper() or char.isdigit() or (char.isalpha() and char.lower() == char.upper())


def _clause_after(text: str, start: int, sentence_end: int) -> tuple[int, int] | None:
    """The words after a quotation up to its sentence's end or the next comma, when they
    are few and hold no further quotation: ``, sagte er.``, ``", escribiu Kori Schulman,
    asistente…``, `` - [Brian Kernighan]``."""
    rest = text[start : min(sentence_end, start + _REACH)]
    body = rest.lstrip(_TAIL_LEAD)
    low = start + len(rest) - len(body)
    body = body.split(",", 1)[0].split(";", 1)[0]
    body = body.rstrip().rstrip(_STOPS).rstrip()
    if not body or len(body.split()) > MAX_TAIL_WORDS or any(m in body for m in _OPENING_MARKS):
        return None
    return low, low + len(body)


def standing(
    text: str,
    quote: tuple[int, int],
    sentence: tuple[int, int],
    kind_at: KindAt,
    offset: int,
) -> Standing:
    """How the quotation at ``quote`` (paragraph offsets, marks included) stands in its
    ``sentence``; ``offset`` places the paragraph in the document for ``kind_at``."""
    start, end = quote
    if kind_at(offset + start) in _NAMING_SCOPES:
        return Standing("embedded")
    item = _in_list_item(text, start)
    if item:
        return Standing("embedded")  # a list holds names, labels, examples: * "Add config..."
    before = _neighbour(text, start - 1, -1, sentence, kind_at, offset)
    after = _neighbour(text, end, 1, sentence, kind_at, offset)
    inner_end = text[end - 2 : end - 1] if end >= 2 else ""
    if inner_end in _TERMINAL and text[end : end + 1].isspace() and _starts(after):
        after = ""  # "We will not pay." The talks ended. : the quotation ends its sentence
    if before in _ASIDE_OPENERS or after in _ASIDE_OPENERS or after in _ASIDE_CLOSERS:
        return Standing("embedded")  # an aside, or glossed: 「三項 (ternary) 演算子」
    if after and after in _OPENING_MARKS:
        return Standing("embedded")  # one of a series: 「Facebook でログイン」「Google でログイン」
    if before in _COLONS:
        if text[max(sentence[0], start - _REACH) : start].rstrip().rstrip(":：").strip():
            return Standing("lead-in", (sentence[0], start))
        return Standing("alone")
    if before in _DASHES or before == ">":
        low = max(sentence[0], start - _REACH)
        mark = text.rindex(before, low, start)
        if text[max(low, text.rfind("\n", low, mark) + 1) : mark].strip():
            return Standing("embedded")  # алгоритм — "Argon2"; « Settings » > « webhooks »
    elif before and before not in _TERMINAL:
        return Standing("embedded")  # the credo "…", 是"…", select "…"
    # Punctuation inside the closing mark, or right after it, leads to the speaker.
    if inner_end == "," or inner_end in _DASHES or after in _TAIL_PUNCTUATION:
        clause = _clause_after(text, end, sentence[1])
        if clause is not None:
            return Standing("tail", clause)
    if after.isalnum() or after in _COLONS:
        return Standing("embedded")  # "X" button, 「X」とは, "X": its definition
    return Standing("alone")


def credit_line(text: str) -> tuple[int, int] | None:
    """A paragraph that only names a source, under a quotation standing alone (an
    epigraph's or a testimonial's credit: ``— Thomas Jefferson``, ``Kabir Khan -
    Microsoft (ref)``): a few words, no sentence, no lead-in, no quotation, and a dash
    before them or a name's capitals on most of them; its words' offsets."""
    stripped = text.strip()
    body = stripped.lstrip(_TAIL_LEAD + "_*~").rstrip("_*~ ")
    if not body or body[-1] in _TERMINAL or body[-1] in _COLONS:
        return None
    words = body.split()
    if len(words) > MAX_CREDIT_WORDS or any(m in body for m in _OPENING_MARKS):
        return None
    dashed = stripped.startswith(_CREDIT_DASHES)
    lettered = [w for w in words if w[0].isalpha()]
    capitals = sum(w[0].isupper() for w in lettered)
    named = len(lettered) > 1 and 2 * capitals > len(lettered) and body[0].isupper()
    if not dashed and not named:  # a name has two words at least: Kabir Khan
        return None
    low = text.index(body)
    return low, low + len(body)


def lead_in_above(text: str) -> tuple[int, int] | None:
    """A paragraph ending with a colon introduces the quotation that opens the next one
    (``The minister told reporters:`` above ``"We will not pay."``); the offsets of its
    last words, up to ``MAX_TAIL_WORDS`` of them, back to a stop."""
    body = text.rstrip()
    if not body or body[-1] not in _COLONS:
        return None
    head = body[:-1].rstrip()
    start = max(head.rfind(stop) for stop in _STOPS) + 1
    words = [m.start() for m in _WORD.finditer(head, start)]
    if not words:
        return None
    return words[-min(len(words), MAX_TAIL_WORDS)], len(head)


def kind_by_words(inner: str) -> QuoteKind:
    """What a quotation no speaker is found for is, by its words: a title (Title Case, in
    a script with case), a term (no letter in it), or speech. Short speech standing alone
    is still speech: ``"It is amazing,"``, ``«Էդքան էլ չէ»``."""
    lettered = [w for w in WORD.findall(inner) if w[0].isalpha()]
    if not lettered and not UNSPACED.search(inner):
        return "term"  # “ ”, "%", "()": characters quoted, not words
    if len(inner.split()) == 1 and not UNSPACED.search(inner) and inner[-1:] not in _CLAUSE_ENDS:
        return "term"  # one word with no stop: "en", "AlexNet", „title“
    cased = [w for w in lettered if len(w) > 3 and w[0].lower() != w[0].upper()]
    titled = 2 * len(cased) >= len(lettered) and all(w[0].isupper() for w in cased)
    headed = lettered[0][0].isupper() and inner.rstrip()[-1:] not in _CLAUSE_ENDS
    if 1 < len(lettered) <= 12 and cased and titled and headed and not UNSPACED.search(inner):
        return "title"  # Title Case; in scripts without case, a Latin name is no title
    return "quote"
