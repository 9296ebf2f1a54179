"""The ``line-phrase`` kind: a line of page furniture, known by its phrases and its place.

``compile_line_phrase`` lists the ways a line can match; the lists are looked up by hash
(``PhraseList``), their normalised phrases kept in the cache. In a format that writes its
links (Markdown, HTML, reStructuredText, AsciiDoc), a line whose link is still there is the
author's cross-reference (``See also: [Typing Props](...)``), not furniture left when the
links were stripped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from fnmatch import fnmatchcase
from pathlib import PurePath
from typing import Any

import regex

from hygiene.core.rule import Hit, RuleContext
from hygiene.core.segment import Segment
from hygiene.groups.boilerplate.layout import (
    LINK_WRITTEN,
    Candidate,
    LineLayout,
    delete_line,
    leads_in,
    normalize_phrase,
)
from hygiene.registry.kinds.compiled import Compiled, check_template
from hygiene.support.cache import memoized
from hygiene.text.phrases import UNSPACED, LazyRegex, alternation, ends_word

LINE_PHRASE_DEFAULTS: Mapping[str, Any] = {
    "max-length": 100,  # characters after a label or an opening phrase
    "prose-endings": ".,;",  # a line ending so is a sentence, not furniture
    "edge-lines": 5,  # non-blank lines at the top and at the bottom that count as edges
    "end-words": 3,  # words before a closing phrase: "CNET on Facebook"
    # At most this many words after an opening phrase, no number first, unless they name a
    # button of ``words`` (0: any).
    "start-words": 0,
    "exempt-files": [],  # file names (globs) whose lines are their content: LICENSE*
}


_TAIL_MARKS = " -–—:|,;/"
_BUTTON_SEPARATORS = regex.compile(r"[\s|•·/,]+")
_WORD_MARKS = ".,;:!?()[]\"'"


def _phrases(spec: Mapping[str, Any], key: str) -> list[str]:
    return sorted({normalize_phrase(p) for p in spec.get(key, ())} - {""}, key=len, reverse=True)


# A phrase list as kept: its phrases, and its edges' lookup tables (``PhraseList.tables``).
PhraseTables = tuple[list[str], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]
_WHOLE_LINE_LISTS = ("lines", "standalone", "words")
_EDGE_LISTS = ("ends", "starts", "edges", "linked-starts")


def _kept_phrase_lists(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A ``line-phrase`` rule's lists as lines are compared with them, and its edge lists'
    tables: the same for the same lists, so kept in the cache (normalising the packs'
    3,000 phrases was a twentieth of a one-file check's time)."""
    names = (*_WHOLE_LINE_LISTS, *_EDGE_LISTS)
    source = "\x00".join("\x01".join(spec.get(name, ())) for name in names).encode()

    def prepare() -> dict[str, Any]:
        kept: dict[str, Any] = {name: _phrases(spec, name) for name in _WHOLE_LINE_LISTS}
        kept.update((name, PhraseList.tables(_phrases(spec, name))) for name in _EDGE_LISTS)
        return kept

    return memoized("line-phrases", source, prepare)


class PhraseList:
    """Phrases a (normalised) line may open or close with, looked up by hash.

    A line's bare text is case-folded with single spaces, and so are the phrases, so a
    phrase matches exactly when the line's slice of its length is in the set. The lengths
    worth slicing are found by the line's first (or last) few characters: most lines open
    with no phrase's, and cost one or two lookups (a 200-phrase regex alternation took
    milliseconds to compile and read 0.12 MB/s).
    """

    EDGE = 4

    def __init__(self, tables: PhraseTables) -> None:
        phrases, self.heads, self.tails = tables
        self.phrases = frozenset(phrases)

    @classmethod
    def tables(cls, phrases: Sequence[str]) -> PhraseTables:
        """The phrases, and the lengths of those each first (or last) few characters may
        open (or close): plain data, kept in the cache with the rule's lists."""
        heads: dict[str, set[int]] = {}
        tails: dict[str, set[int]] = {}
        for phrase in phrases:
            heads.setdefault(phrase[: cls.EDGE], set()).add(len(phrase))
            tails.setdefault(phrase[-cls.EDGE :], set()).add(len(phrase))
        return list(phrases), _closed(heads, at_end=False), _closed(tails, at_end=True)

    def opening(self, text: str) -> int | None:
        """Where the longest phrase ``text`` opens with ends; a phrase that ends in a
        letter or digit of a spaced script must end a word (``©`` opens ``©2012``)."""
        for length in self._candidates(self.heads, text[: self.EDGE], at_end=False):
            if length > len(text) or text[:length] not in self.phrases:
                continue
            last = text[length - 1]
            if not last.isalnum() or UNSPACED.match(last) or ends_word(text, length):
                return length
        return None

    def closing(self, text: str) -> int | None:
        """Where the longest phrase ``text`` closes with starts; it must start the line or
        follow a space, punctuation or a symbol."""
        for length in self._candidates(self.tails, text[-self.EDGE :], at_end=True):
            start = len(text) - length
            if start < 0 or text[start:] not in self.phrases:
                continue
            if start == 0 or CLOSING_PHRASE_FOLLOWS.match(text, start - 1):
                return start
        return None

    @staticmethod
    def _candidates(
        closed: Mapping[str, tuple[int, ...]], edge: str, at_end: bool
    ) -> tuple[int, ...]:
        """The phrase lengths that a line with this ``edge`` (its first or last ``EDGE``
        characters) may hold, longest first: those of the longest phrase edge it shows.
        Written out for ``EDGE`` = 4 (asked of every line by every rule: a loop over the
        sizes was a tenth of the furniture rules' time); no length tuple is empty."""
        get = closed.get
        if at_end:
            return get(edge) or get(edge[-3:]) or get(edge[-2:]) or get(edge[-1:]) or ()
        return get(edge) or get(edge[:3]) or get(edge[:2]) or get(edge[:1]) or ()


def _closed(by_edge: Mapping[str, set[int]], at_end: bool) -> dict[str, tuple[int, ...]]:
    """Each phrase edge -> the lengths of the phrases whose edges it shows (its own, and
    those of its shorter edges), longest first: a line's longest edge among them answers
    for all, with no cache of the lines' edges (a corpus has millions)."""
    closed: dict[str, tuple[int, ...]] = {}
    for edge in by_edge:
        found: set[int] = set()
        for size in range(1, len(edge) + 1):
            found |= by_edge.get(edge[-size:] if at_end else edge[:size], set())
        closed[edge] = tuple(sorted(found, reverse=True))
    return closed


CLOSING_PHRASE_FOLLOWS = regex.compile(r"[\s\p{P}\p{S}]")
# A credit names a person or an agency: capitalised, a few words, no sentence after it.
_CREDITED = r"\p{Lu}[^()\[\]\n]{0,60}?"


class CreditMatcher:
    """A picture credit closing a line, which makes the line a caption: in parentheses
    (``... in the spring. (Photo: Sean Fujiwara)``, ``(AP Photo/Jeff Chiu)``) or after a
    colon (``... St Leonards Place, Edinburgh Photo: DEADLINE``). The word alone before a
    name is not enough: ``Picture Perfect`` is a title, ``Send Photos/Videos`` a button."""

    def __init__(self, words: Sequence[str]) -> None:
        # A line without any credit's first word cannot hold one, and skips the regex,
        # which tries every position of a long line.
        self.openers = tuple(sorted({word.split()[0].casefold() for word in words}))

        def source() -> str:
            credit = f"(?i:{alternation(words)})"
            return (
                rf"(?:(?<=^|[\s.,;:])\({credit}[\s:/]+{_CREDITED}\)"
                rf"|(?<=\s){credit}[ \t]*:[ \t]*{_CREDITED}(?<![.!?]))[ \t]*$"
            )

        self._pattern = LazyRegex(source)

    def closes(self, label: str) -> bool:
        """Whether ``label`` ends with a picture credit."""
        if "(" not in label and ":" not in label:
            return False
        folded = label.casefold()
        if not any(opener in folded for opener in self.openers):
            return False
        return self._pattern.pattern.search(label) is not None


def _authored(lines: list[Segment], index: int) -> bool:
    """Whether a line, as written in a format that writes its links, is the author's
    cross-reference: its link is still there (``See also: [Typing Props](...)``), or it
    leads in to a list (``Further reading:`` over the links)."""
    return LINK_WRITTEN.search(lines[index].text) is not None or leads_in(lines, index)


def compile_line_phrase(spec: Mapping[str, Any]) -> Compiled:
    """``line-phrase``: a line of page furniture, known by its phrases and its place.

    Nine ways to match, each list compiled once:

    - ``standalone``: the whole line is the phrase, wherever it stands (``Advertisement``);
    - ``lines``: the same, but a one-word line only where menus sit, touching other short
      lines or first or last; alone before a paragraph, ``Photos`` is a heading;
    - ``words``: the line is a row of these words (``Facebook | Twitter | Email``);
    - ``labels``: label, colon, short title (``WATCH: ...``);
    - ``starts``: the line opens with the phrase and ends soon after (``Follow us on X``),
      within ``start-words`` words when the rule sets it, and not with a number;
    - ``linked-starts``: the same, on a line that ends with a link arrow (``More Sports »``);
    - ``ends``: a few words, then the phrase (``CNET on Facebook``);
    - ``edges``: a line among the first or last ones opens with the phrase
      (``Originally published in ...``);
    - ``credits``: the line closes with a picture credit, so it is a caption
      (``... (Photo: Sean Fujiwara)``).

    Lines are compared by their bare words (``LineLayout``): marks, counts and case do
    not matter, and a line that carries on a wrapped sentence, or sits in code, is never
    furniture. Every hit offers the unsafe fix of deleting the line.
    """
    kept = _kept_phrase_lists(spec)
    whole_lines = frozenset(kept["lines"])
    standalone = frozenset(kept["standalone"])
    button_words = frozenset(kept["words"])

    def glued_source() -> str:
        button = "|".join(map(regex.escape, sorted(button_words, key=len, reverse=True)))
        return f"(?:{button})(?:{button})+"

    glued_buttons = LazyRegex(glued_source) if button_words else None
    button_lengths = sorted({len(word) for word in button_words})
    ends = PhraseList(kept["ends"])
    starts = PhraseList(kept["starts"])
    edges = PhraseList(kept["edges"])
    linked_starts = PhraseList(kept["linked-starts"])
    credit_words = spec.get("credits", ())
    credits = CreditMatcher(credit_words) if credit_words else None
    labels = sorted(spec.get("labels", ()), key=len, reverse=True)
    separators = spec.get("separators", [":", "\N{FULLWIDTH COLON}"])

    def label_source() -> str:
        marks = "|".join(map(regex.escape, separators))
        return rf"(?P<label>{alternation(labels)})[ \t]*(?:{marks})[ \t]*(?P<title>\S.*?)[ \t]*$"

    label_matcher = None
    if labels:
        label_matcher = LazyRegex(label_source, regex.IGNORECASE | regex.FULLCASE)
    template: str = spec["message"]
    check_template(template, ("text",))
    options = {**LINE_PHRASE_DEFAULTS, **spec.get("options", {})}

    def short(tail: str, ctx: RuleContext) -> bool:
        tail = tail.strip(_TAIL_MARKS)
        limit, endings = ctx.options["max-length"], ctx.options["prose-endings"]
        return len(tail) <= limit and not (tail and tail[-1] in endings)

    def named(tail: str, ctx: RuleContext) -> bool:
        """Whether what follows an opening phrase can be a link's name: a few words, not a
        number (``About CNET`` is a link; ``about 9 hours ago`` a time), or more words
        naming one of the rule's buttons (``Follow AOL News on Facebook and Twitter``, where
        ``Follow the steps below to ...`` is an instruction)."""
        limit = ctx.options["start-words"]
        words = tail.split()
        if not limit or (words and words[0][0].isdigit()):
            return not limit
        return len(words) <= limit or any(word.strip(_WORD_MARKS) in button_words for word in words)

    def recognise(line: Candidate, ctx: RuleContext) -> str | None:
        """What the line shows of its phrase, or None when it is not furniture."""
        if line.whole in standalone:
            return line.label_text
        if line.whole in whole_lines and (line.in_menu or line.counted or " " in line.whole):
            return line.label_text
        # A row of buttons opens with one: most lines do not, and skip the split.
        if glued_buttons is not None and any(line.bare[:n] in button_words for n in button_lengths):
            parts = _BUTTON_SEPARATORS.split(line.bare)
            if len(parts) >= 2 and button_words.issuperset(parts):
                return line.label_text
            if len(parts) == 1 and glued_buttons.pattern.fullmatch(line.bare):  # PrintEmailShare
                return line.label_text
        if label_matcher is not None and any(mark in line.label_text for mark in separators):
            found = label_matcher.pattern.match(line.label_text)
            if found and short(found.group("title"), ctx):
                return found.group("label")
        opening = starts.opening(line.bare)
        if opening is not None and short(tail := line.bare[opening:], ctx) and named(tail, ctx):
            return line.label_text
        if line.linked and linked_starts.opening(line.bare) is not None and short(line.bare, ctx):
            return line.label_text
        label = line.label_text
        if credits is not None and credits.closes(label):
            return label
        closing = ends.closing(line.whole)
        if closing is not None and len(line.whole[:closing].split()) <= ctx.options["end-words"]:
            return line.label_text
        if line.at_edge and edges.opening(line.bare) is not None:
            return line.label_text
        return None

    def check(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
        document = ctx.document
        name = PurePath(document.path).name.casefold()
        if any(fnmatchcase(name, pattern) for pattern in ctx.options["exempt-files"]):
            return
        layout = LineLayout.of(document, ctx.segments, ctx.options["edge-lines"])
        linked = ctx.document.format != "text"
        # A line in another script is read too: a foreign interface label is a leftover of
        # another language (LG001) and page furniture at once, two findings on one span.
        for line in layout.candidates:
            if linked and _authored(ctx.written_lines(), line.line.index):
                continue
            shown = recognise(line, ctx)
            if shown is None:
                continue
            fix = delete_line(ctx.written.text, line.line, ctx.written_lines())
            yield Hit(line.start, line.end, template.format_map({"text": shown}), fix)

    return Compiled(check, options)
