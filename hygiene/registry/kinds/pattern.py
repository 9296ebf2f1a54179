"""The ``pattern`` kind: every match of a regex is a hit, unless an ``allow`` match covers it.

The regex is a pack's, and the text untrusted: every search runs under the rule's
``timeout``, over a long text a piece at a time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import regex

from hygiene.core.rule import Edit, Fix, Hit, RuleContext
from hygiene.core.segment import Segment
from hygiene.registry.kinds.compiled import Compiled, check_template
from hygiene.text.characters import describe_char

# A user's regex runs over untrusted text: each search may take this many seconds.
PATTERN_DEFAULTS: Mapping[str, Any] = {"timeout": 1.0}


def _compile_regex(source: str, flags: int = 0) -> regex.Pattern[str]:
    try:
        return regex.compile(source, flags)
    except regex.error as error:
        raise ValueError(f"invalid regex {source!r}: {error}") from None


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
    check_template(template, ("match", "char"))
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
