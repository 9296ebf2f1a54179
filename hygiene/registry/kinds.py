"""The fixed kinds a declarative rule can be, each compiled once into a check function.

A kind is a small, well-understood matcher; anything a pack needs beyond these
is a Python rule. Compilation errors (a bad regex, a message naming an unknown
placeholder) are raised as ``ValueError`` for the pack loader to place.
"""

from __future__ import annotations

import string
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from hygiene.core.rule import Check, Edit, Fix, Hit, RuleContext
from hygiene.core.segment import Segment
from hygiene.groups.boilerplate.layout import Candidate, LineLayout, delete_line, normalize_phrase
from hygiene.support.cache import memoized
from hygiene.text.phrases import UNSPACED, LazyRegex, alternation, ends_word

# A user's regex runs over untrusted text: each search may take this many seconds.
PATTERN_DEFAULTS: Mapping[str, Any] = {"timeout": 1.0}
LINE_PHRASE_DEFAULTS: Mapping[str, Any] = {
    "max-length": 100,  # characters after a label or an opening phrase
    "prose-endings": ".,;",  # a line ending so is a sentence, not furniture
    "edge-lines": 5,  # non-blank lines at the top and at the bottom that count as edges
    "end-words": 3,  # words before a closing phrase: "CNET on Facebook"
    "start-words": 0,  # at most this many words after an opening phrase, no number first (0: any)
}


@dataclass(frozen=True)
class Compiled:
    """A kind's check and the rule's options: the kind's defaults, overridden by the pack."""

    check: Check
    options: Mapping[str, Any]


Compiler = Callable[[Mapping[str, Any]], Compiled]


# Control characters have no Unicode character name; these are their ISO 6429 names,
# which Unicode lists as their name aliases.
C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION",
    "ENQUIRY", "ACKNOWLEDGE", "ALERT", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED",
    "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
    "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)  # fmt: skip


def describe_char(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a message names an invisible character."""
    code = ord(char)
    if code < len(C0_NAMES):
        name = C0_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    else:
        name = unicodedata.name(char, "") or f"<{unicodedata.category(char)}>"
    return f"U+{code:04X} {name}"


def _compile_regex(source: str, flags: int = 0) -> regex.Pattern[str]:
    try:
        return regex.compile(source, flags)
    except regex.error as error:
        raise ValueError(f"invalid regex {source!r}: {error}") from None


def _check_template(template: str, placeholders: Sequence[str]) -> None:
    """A message names its placeholders plainly: ``{match}``, never ``{match:>50000000}``
    (a format spec would let a pack make every finding's message as large as it likes)."""
    try:
        parsed = list(string.Formatter().parse(template))
        template.format_map(dict.fromkeys(placeholders, ""))
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(
            f"message {template!r} uses an unknown placeholder {error}; "
            f"known: {', '.join('{' + name + '}' for name in placeholders)}"
        ) from None
    for _, name, spec, conversion in parsed:
        if name is not None and (spec or conversion):
            raise ValueError(
                f"message {template!r}: placeholders take no format spec or conversion; "
                f"write {{{name}}}"
            )


# A text longer than PIECE characters is searched a piece at a time (see _search), each
# piece its own search with its own timeout: one regex over a whole document had the
# timeout for all of it, and a built-in rule stopped on an ordinary document of 10 MB.
PIECE = 1 << 20
PIECE_REACH = 1 << 16  # how far past its piece a match, and what it looks ahead at, may reach


def _piece_ends(text: str) -> Iterator[int]:
    """Where each piece of ``text`` ends: after the first line break PIECE characters or
    more into it (or after PIECE characters, in a line with no break near)."""
    start = 0
    while start < len(text):
        end = start + PIECE
        if end >= len(text):
            yield len(text)
            return
        newline = text.find("\n", end, end + PIECE_REACH)
        start = newline + 1 if newline != -1 else end
        yield start


def _search(pattern: regex.Pattern[str], text: str, timeout: float) -> list[regex.Match[str]]:
    """Every match of ``pattern`` in ``text``, as ``finditer`` finds them, each search
    under ``timeout`` (a TimeoutError is the caller's).

    A text of more than PIECE characters is read a piece at a time: each piece's search
    starts where the last match ended (it looks behind into the text before it), reads
    PIECE_REACH characters into the next piece, and keeps the matches that start in its
    own. The matches are those of one search of the whole text, unless a match (or what
    it looks ahead at) reaches more than PIECE_REACH characters past the piece it starts
    in. Each piece's matches are collected before the next is read: a timeout counts only
    the search's time, never that of the caller between two matches.
    """
    if len(text) <= PIECE:
        return list(pattern.finditer(text, timeout=timeout))
    found: list[regex.Match[str]] = []
    start = position = 0
    for end in _piece_ends(text):
        reach = min(len(text), end + PIECE_REACH)
        for match in pattern.finditer(text, max(start, position), reach, timeout=timeout):
            if match.start() >= end:
                break
            found.append(match)
            position = match.end()
        start = end
    return found


def _covering(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether one of ``spans`` covers a given span, in logarithmic time: asking each
    span about each match grew with the square of a document's no-break spaces."""
    spans.sort()
    starts = [low for low, _ in spans]
    reach: list[int] = []  # reach[i]: the furthest end of spans[: i + 1]
    for _, high in spans:
        reach.append(max(high, reach[-1]) if reach else high)

    def covers(start: int, end: int) -> bool:
        index = bisect_right(starts, start) - 1
        return index >= 0 and reach[index] >= end

    return covers


def compile_pattern(spec: Mapping[str, Any]) -> Compiled:
    """``pattern``: every match of a regex is a hit, unless an ``allow`` match covers it."""
    pattern = _compile_regex(spec["pattern"])
    allows = [_compile_regex(source) for source in spec.get("allow", ())]
    template: str = spec["message"]
    _check_template(template, ("match", "char"))
    fix_spec: Mapping[str, Any] | None = spec.get("fix")

    def allowed(text: str, timeout: float) -> Callable[[int, int], bool]:
        spans = [m.span() for a in allows for m in _search(a, text, timeout)]
        return _covering(spans)

    def check(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
        """Every search, ``allow`` ones too, runs under the rule's ``timeout`` (a piece of a
        long text at a time: see ``_search``); a TimeoutError reaches the engine, which
        stops the rule on this document."""
        text = segment.text
        timeout = ctx.options["timeout"]
        shielded: Callable[[int, int], bool] | None = None
        for match in _search(pattern, text, timeout):
            start, end = match.span()
            if allows:
                shielded = allowed(text, timeout) if shielded is None else shielded
                if shielded(start, end):
                    continue
            found = match.group()
            fix = None
            if fix_spec is not None:
                fix = Fix(
                    description=fix_spec["description"],
                    safety=fix_spec["safety"],
                    edits=(Edit(start, end, fix_spec["replacement"]),),
                )
            message = template.format_map({"match": found, "char": describe_char(found[:1])})
            yield Hit(start, end, message, fix)

    return Compiled(check, {**PATTERN_DEFAULTS, **spec.get("options", {})})


_TAIL_MARKS = " -–—:|,;/"
_BUTTON_SEPARATORS = regex.compile(r"[\s|•·/,]+")


def _phrases(spec: Mapping[str, Any], key: str) -> list[str]:
    return sorted({normalize_phrase(p) for p in spec.get(key, ())} - {""}, key=len, reverse=True)


# A phrase list as kept: its phrases, and its edges' lookup tables (``_PhraseList.tables``).
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
        kept.update((name, _PhraseList.tables(_phrases(spec, name))) for name in _EDGE_LISTS)
        return kept

    return memoized("line-phrases", source, prepare)


class _PhraseList:
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
            if start == 0 or _CLOSING_PHRASE_FOLLOWS.match(text, start - 1):
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


_CLOSING_PHRASE_FOLLOWS = regex.compile(r"[\s\p{P}\p{S}]")
# A credit names a person or an agency: capitalised, a few words, no sentence after it.
_CREDITED = r"\p{Lu}[^()\[\]\n]{0,60}?"


class _CreditMatcher:
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
    ends = _PhraseList(kept["ends"])
    starts = _PhraseList(kept["starts"])
    edges = _PhraseList(kept["edges"])
    linked_starts = _PhraseList(kept["linked-starts"])
    credit_words = spec.get("credits", ())
    credits = _CreditMatcher(credit_words) if credit_words else None
    labels = sorted(spec.get("labels", ()), key=len, reverse=True)
    separators = spec.get("separators", [":", "\N{FULLWIDTH COLON}"])

    def label_source() -> str:
        marks = "|".join(map(regex.escape, separators))
        return rf"(?P<label>{alternation(labels)})[ \t]*(?:{marks})[ \t]*(?P<title>\S.*?)[ \t]*$"

    label_matcher = None
    if labels:
        label_matcher = LazyRegex(label_source, regex.IGNORECASE | regex.FULLCASE)
    template: str = spec["message"]
    _check_template(template, ("text",))
    options = {**LINE_PHRASE_DEFAULTS, **spec.get("options", {})}

    def short(tail: str, ctx: RuleContext) -> bool:
        tail = tail.strip(_TAIL_MARKS)
        limit, endings = ctx.options["max-length"], ctx.options["prose-endings"]
        return len(tail) <= limit and not (tail and tail[-1] in endings)

    def named(tail: str, ctx: RuleContext) -> bool:
        """Whether what follows an opening phrase can be a link's name: a few words, not a
        number (``About CNET`` is a link; ``about 9 hours ago`` a time)."""
        limit = ctx.options["start-words"]
        words = tail.split()
        return not limit or (len(words) <= limit and not (words and words[0][0].isdigit()))

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
        layout = LineLayout.of(document, ctx.segments, ctx.options["edge-lines"])
        lines = ctx.segments.get("line")
        for line in layout.candidates:
            shown = recognise(line, ctx)
            if shown is None:
                continue
            fix = delete_line(document.text, line.line, lines)
            yield Hit(line.start, line.end, template.format_map({"text": shown}), fix)

    return Compiled(check, options)


KINDS: Mapping[str, Compiler] = {
    "pattern": compile_pattern,
    "line-phrase": compile_line_phrase,
}
