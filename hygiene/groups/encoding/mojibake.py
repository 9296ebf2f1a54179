"""Locate text that went through the wrong codec, with exact spans, using ftfy's heuristics.

ftfy is a fixer: it takes a string and returns a better one. To report findings we
run it on one line at a time (only lines a cheap character filter and ftfy's own
badness check flag), compare its output with the input, and turn each changed
region into a damage with its repair, its explanation steps, and whether the
repair round-trips: re-encoding the repair gives back the damaged text exactly.
ftfy is imported on first use, never on clean ASCII or clean non-Latin text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

import regex

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

DamageKind = Literal["utf8-as-cp1252", "utf8-as-latin1", "utf8-as-other", "double", "c1", "lossy"]
Step = tuple[str, str]

# Characters that mojibake is made of: Latin-1 and Windows-1252 letters and symbols,
# C1 controls, and the Cyrillic capitals Р and С that lead UTF-8 read as Windows-1251.
_SUSPECT = regex.compile(
    r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0420\u0421]"
)
# Regions this close are one damaged run: inside a word ('ÄŒeÅ¡tina'), or words
# damaged back to back ('Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€').
_GAP = regex.compile(r"\S{0,3}|[ \t]{1,3}")


@dataclass(frozen=True, slots=True)
class Damage:
    """One damaged run in a line, and what ftfy proposes for it."""

    start: int
    end: int
    damaged: str
    repair: str
    kind: DamageKind
    description: str
    steps: tuple[Step, ...]
    round_trips: bool

    def explanation(self) -> str:
        return ", ".join(f"{action} {parameter}" for action, parameter in self.steps)


@cache
def _config() -> TextFixerConfig:
    """ftfy restricted to encoding repairs: no quote uncurling, no normalisation, no HTML."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


def _codec_name(codec: str) -> str:
    names = {"latin-1": "Latin-1", "macroman": "MacRoman", "cp437": "code page 437"}
    plain = codec.removeprefix("sloppy-")
    if plain.startswith("windows-"):
        return "Windows-" + plain.removeprefix("windows-")
    return names.get(plain, plain.upper())


def classify(steps: tuple[Step, ...]) -> tuple[DamageKind, str]:
    """Name the damage from ftfy's plan: which codec read UTF-8 bytes, and how often."""
    actions = [parameter for action, parameter in steps if action in ("apply", "transcode")]
    encodes = [parameter for action, parameter in steps if action == "encode"]
    decodes = [parameter for action, parameter in steps if action == "decode"]
    if "replace_lossy_sequences" in actions:
        return "lossy", "mojibake with lost bytes"
    if "fix_c1_controls" in actions or (decodes and "utf-8" not in decodes):
        return "c1", "Windows-1252 characters read as Latin-1 C1 controls"
    if len(encodes) >= 2:
        return "double", "UTF-8 encoded twice (double mojibake)"
    if not encodes:
        return "utf8-as-cp1252", "UTF-8 read as Windows-1252, among good text"
    codec = encodes[0]
    if codec == "latin-1":
        return "utf8-as-latin1", "UTF-8 read as Latin-1"
    if codec.removeprefix("sloppy-") == "windows-1252":
        return "utf8-as-cp1252", "UTF-8 read as Windows-1252"
    return "utf8-as-other", f"UTF-8 read as {_codec_name(codec)}"


def round_trips(damaged: str, repair: str, steps: tuple[Step, ...]) -> bool:
    """Whether undoing the plan on the repair gives back the damaged text exactly."""
    if not steps or any(action not in ("encode", "decode") for action, _ in steps):
        return False
    text = repair
    pairs = list(zip(steps[0::2], steps[1::2], strict=False))
    for (first, encoding), (second, decoding) in reversed(pairs):
        if (first, second) != ("encode", "decode"):
            return False
        try:
            text = text.encode(decoding).decode(encoding)
        except (UnicodeError, LookupError):
            return False
    return text == damaged


_TOKENS = regex.compile(r"\S+|\s+")
Items = Sequence[Hashable]
Opcode = tuple[str, int, int, int, int]
Block = tuple[int, int, int]
# difflib compares every pair of equal elements of the two sides once more on each pass,
# and makes a pass per matching block: on a word of 2,000 characters that repeat
# ('a\x93' * 1000, a C1 control after each letter) one diff took 42 seconds. Its work on
# one piece of a line (see find_damage) is counted, and past this budget the piece's
# remaining diffs are anchored instead (_anchored_blocks). The most any piece of a line
# of the encoding corpus and of 120,000 damaged lines of the clean corpora needed was
# 292,000 (about 15 ms).
DIFF_BUDGET = 1 << 19


class _OverBudget(Exception):
    """difflib's work on one piece of a line went past ``DIFF_BUDGET``."""


@dataclass(slots=True)
class _Budget:
    """What is left of ``DIFF_BUDGET`` for one piece of a line."""

    left: int = DIFF_BUDGET


def _matching_blocks(first: Items, second: Items, budget: _Budget) -> list[Block]:
    """Runs equal in both sides, in order: difflib's ``get_matching_blocks`` (without its
    final empty block) while the budget lasts, anchored blocks after."""
    try:
        return _difflib_blocks(first, second, budget)
    except _OverBudget:
        return _anchored_blocks(first, second, budget)


def _difflib_blocks(first: Items, second: Items, budget: _Budget) -> list[Block]:
    """difflib's matching blocks, charging each of its passes to ``budget``: a pass over
    ``first[alo:ahi]`` looks at most at every element there and at every element of
    ``second`` equal to one of them."""
    import difflib  # only where a repair changed something: most texts never need it

    counts = Counter(second)
    reach = [0]  # reach[i]: pairs of equal elements between first[:i] and second
    for element in first:
        reach.append(reach[-1] + counts[element])
    if len(first) + reach[-1] > budget.left:
        raise _OverBudget  # not even the first pass fits
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    find = matcher.find_longest_match

    def charged(alo: int, ahi: int, blo: int, bhi: int) -> difflib.Match:
        budget.left -= (ahi - alo) + reach[ahi] - reach[alo]
        if budget.left < 0:
            raise _OverBudget
        return find(alo, ahi, blo, bhi)

    # get_matching_blocks makes its passes through this method of the instance.
    setattr(matcher, "find_longest_match", charged)  # noqa: B010
    return [(a, b, size) for a, b, size in matcher.get_matching_blocks()[:-1]]


def _anchored_blocks(first: Items, second: Items, budget: _Budget) -> list[Block]:
    """Matching runs found in time that grows with the sides' length, not its square: the
    common head and tail, then the elements that occur once in each side (a patience diff's
    anchors, in the order both sides agree on), and between anchors difflib while the
    budget lasts, after it a position by position comparison where the gap is as long on
    both sides (a repair that replaced characters one for one), and elsewhere a walk along
    both that skips a few elements where they differ (``_resync``)."""
    size_a, size_b = len(first), len(second)
    head = 0
    while head < min(size_a, size_b) and first[head] == second[head]:
        head += 1
    tail = 0
    while tail < min(size_a, size_b) - head and first[-1 - tail] == second[-1 - tail]:
        tail += 1
    blocks: list[Block] = [(0, 0, head)] if head else []
    low_a, low_b = head, head
    for a, b in (*_anchors(first, second, head, size_a - tail, head, size_b - tail),
                 (size_a - tail, size_b - tail)):  # fmt: skip
        blocks.extend(_gap_blocks(first, second, (low_a, a, low_b, b), budget))
        blocks.append((a, b, 1))
        low_a, low_b = a + 1, b + 1
    blocks[-1] = (size_a - tail, size_b - tail, tail)
    merged: list[Block] = []
    for a, b, size in blocks:
        if merged and merged[-1][0] + merged[-1][2] == a and merged[-1][1] + merged[-1][2] == b:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + size)
        elif size:
            merged.append((a, b, size))
    return merged


def _anchors(
    first: Items, second: Items, lo_a: int, hi_a: int, lo_b: int, hi_b: int
) -> list[tuple[int, int]]:
    """Positions of the elements that occur once in ``first[lo_a:hi_a]`` and once in
    ``second[lo_b:hi_b]``, the longest run of them in the same order on both sides."""
    once_a = _once(first, lo_a, hi_a)
    once_b = _once(second, lo_b, hi_b)
    pairs = [(a, once_b[element]) for element, a in once_a.items() if element in once_b]
    pairs.sort()
    # The longest increasing run of the second positions (patience sorting).
    tops: list[int] = []  # the smallest last second position of a run of each length
    ends: list[int] = []  # the index in ``pairs`` of that run's last pair
    previous = [-1] * len(pairs)
    for index, (_, b) in enumerate(pairs):
        length = bisect_left(tops, b)
        if length == len(tops):
            tops.append(b)
            ends.append(index)
        else:
            tops[length] = b
            ends[length] = index
        previous[index] = ends[length - 1] if length else -1
    chain: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index != -1:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _once(items: Items, low: int, high: int) -> dict[Hashable, int]:
    """The elements of ``items[low:high]`` that occur there once, with their position."""
    seen: dict[Hashable, int] = {}
    for position in range(low, high):
        element = items[position]
        seen[element] = -1 if element in seen else position
    return {element: position for element, position in seen.items() if position != -1}


def _gap_blocks(
    first: Items, second: Items, gap: tuple[int, int, int, int], budget: _Budget
) -> list[Block]:
    """Matching runs between two anchors (see ``_anchored_blocks``)."""
    lo_a, hi_a, lo_b, hi_b = gap
    gap_a, gap_b = first[lo_a:hi_a], second[lo_b:hi_b]
    if not gap_a or not gap_b:
        return []
    try:
        found = _difflib_blocks(gap_a, gap_b, budget)
        return [(lo_a + a, lo_b + b, size) for a, b, size in found]
    except _OverBudget:
        pass
    blocks: list[Block] = []
    if len(gap_a) == len(gap_b):  # replaced one for one: compare position by position
        for offset, (x, y) in enumerate(zip(gap_a, gap_b, strict=True)):
            if x == y:
                _extend(blocks, lo_a + offset, lo_b + offset)
        return blocks
    i, j = lo_a, lo_b
    while i < hi_a and j < hi_b:
        if first[i] == second[j]:
            _extend(blocks, i, j)
            i, j = i + 1, j + 1
            continue
        again = _resync(first, second, i, j, hi_a, hi_b)
        if again is None:
            break  # the rest is one replaced run
        i, j = again
    return blocks


# How many elements a side may skip, at most, to find the two sides agreeing again.
RESYNC = 8


def _resync(
    first: Items, second: Items, i: int, j: int, hi_a: int, hi_b: int
) -> tuple[int, int] | None:
    """The nearest positions past ``i`` and ``j`` (fewest elements skipped in all, at most
    RESYNC on each side) where two elements in a row agree again ('a Â b' and 'a \xa0b'
    agree again at 'b'), or None."""
    for skipped in range(1, 2 * RESYNC + 1):
        for skip_a in range(max(0, skipped - RESYNC), min(skipped, RESYNC) + 1):
            a, b = i + skip_a, j + skipped - skip_a
            if a >= hi_a or b >= hi_b or first[a] != second[b]:
                continue
            if a + 1 == hi_a or b + 1 == hi_b or first[a + 1] == second[b + 1]:
                return a, b
    return None


def _extend(blocks: list[Block], a: int, b: int) -> None:
    """Add the one-element match (a, b) to ``blocks``, joining the last block it follows."""
    if blocks and blocks[-1][0] + blocks[-1][2] == a and blocks[-1][1] + blocks[-1][2] == b:
        blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + 1)
    else:
        blocks.append((a, b, 1))


def _opcodes(first: Items, second: Items, budget: _Budget) -> list[Opcode]:
    """difflib's ``get_opcodes``, from ``_matching_blocks``."""
    opcodes: list[Opcode] = []
    i = j = 0
    for a, b, size in (*_matching_blocks(first, second, budget), (len(first), len(second), 0)):
        if i < a and j < b:
            opcodes.append(("replace", i, a, j, b))
        elif i < a:
            opcodes.append(("delete", i, a, j, b))
        elif j < b:
            opcodes.append(("insert", i, a, j, b))
        i, j = a + size, b + size
        if size:
            opcodes.append(("equal", a, i, b, j))
    return opcodes


def _char_opcodes(original: str, fixed: str, budget: _Budget) -> list[Opcode]:
    """Character-level differences, found word by word: a diff of whole lines grows with the
    square of their length, one of words with the square of a word's."""
    before = [m.span() for m in _TOKENS.finditer(original)]
    after = [m.span() for m in _TOKENS.finditer(fixed)]
    pairs: Sequence[Opcode]
    if len(before) == len(after):
        # The usual case: repairs change letters inside words, not the words' number, so
        # words pair up by position (and repetitive text cannot slow the diff down).
        pairs = [
            ("equal" if original[a:b] == fixed[c:d] else "replace", w, w + 1, w, w + 1)
            for w, ((a, b), (c, d)) in enumerate(zip(before, after, strict=True))
        ]
    else:
        words_before = [original[a:b] for a, b in before]
        pairs = _opcodes(words_before, [fixed[a:b] for a, b in after], budget)
    opcodes: list[Opcode] = []
    for tag, w1, w2, v1, v2 in pairs:
        i1 = before[w1][0] if w1 < len(before) else len(original)
        i2 = before[w2 - 1][1] if w2 > w1 else i1
        j1 = after[v1][0] if v1 < len(after) else len(fixed)
        j2 = after[v2 - 1][1] if v2 > v1 else j1
        if tag == "equal":
            opcodes.append(("equal", i1, i2, j1, j2))
            continue
        for kind, a1, a2, b1, b2 in _opcodes(original[i1:i2], fixed[j1:j2], budget):
            opcodes.append((kind, i1 + a1, i1 + a2, j1 + b1, j1 + b2))
    return opcodes


def _regions(original: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """Changed regions, joined across short runs of spaces ('Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€' is one)."""
    regions: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in _char_opcodes(original, fixed, _Budget()):
        if tag == "equal":
            continue
        if regions and _GAP.fullmatch(original[regions[-1][1] : i1]):
            regions[-1] = (regions[-1][0], i2, regions[-1][2], j2)
        else:
            regions.append((i1, i2, j1, j2))
    return regions


# ftfy leaves alone some codec mix-ups that a re-read settles: UTF-8 read as MacRoman
# ('Zam√≤') or as Windows-1251 in Latin text ('mГ©dicament'). A word is re-read only
# when it holds a character such a mix-up makes, and kept only when the re-read is
# plausible text (see _plausible) inside a word with letters of its own ('√π' is
# mathematics, not 'ù'). Windows-1252 and Latin-1 are left to ftfy, whose
# judgement there is finer: re-reading them would take 'VOCÊ…' for damage.
_REREAD_CODECS = ("sloppy-windows-1251", "macroman")
_REREAD_HINT = regex.compile(
    r"[\u00ac\u0192\u2013\u2014\u201a\u2206\u2248\u221a\u0400-\u045f\u00c0-\u00df]"
)
_WORD = regex.compile(r"\S+")
_PLAUSIBLE = regex.compile(r"(?:\p{L}\p{M}*|[\p{N}\p{P}\p{Zs}\p{Sc}\p{Sm}\p{So}])+")


def _plausible(repaired: str) -> bool:
    """Letters with their marks, digits, punctuation; at most one script besides Latin."""
    from ftfy.badness import is_bad

    if not _PLAUSIBLE.fullmatch(repaired) or is_bad(repaired):
        return False
    if not regex.search(r"[^\P{L}\x00-\x7f]", repaired):
        return False  # a re-read must give a letter beyond ASCII, not only marks or symbols
    scripts = {
        name for name in ("Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Han", "Hangul",
                          "Hiragana", "Katakana", "Thai", "Devanagari", "Armenian", "Georgian",
                          "Ethiopic")
        if regex.search(rf"\p{{Script={name}}}", repaired)
    }  # fmt: skip
    return len(scripts - {"Latin"}) <= 1


@cache
def _continuations() -> regex.Pattern[str]:
    """The characters that the re-read codecs write as UTF-8 continuation bytes (0x80-0xBF).
    A word re-read as UTF-8 decodes to something else only through them: a word without
    any (most Cyrillic words: their letters are lead bytes in Windows-1251) is left as it is,
    or fails to decode."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    chars = {c for codec in _REREAD_CODECS for c in bytes(range(0x80, 0xC0)).decode(codec)}
    return regex.compile(f"[{regex.escape(''.join(sorted(chars)))}]")


def _reread(line: str, taken: list[tuple[int, int]]) -> list[Damage]:
    """Damage in words ftfy did not change, found by re-reading them as UTF-8."""
    found = []
    continuation = _continuations()
    for word in _WORD.finditer(line):
        if word.group().isascii() or not _REREAD_HINT.search(word.group()):
            continue
        if not continuation.search(word.group()):
            continue
        if any(start < word.end() and word.start() < end for start, end in taken):
            continue
        for codec in _REREAD_CODECS:
            try:
                repaired = word.group().encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            if repaired == word.group() or not _plausible(repaired):
                continue
            head = len(_common_prefix(word.group(), repaired))
            tail = len(_common_prefix(word.group()[head:][::-1], repaired[head:][::-1]))
            outside = word.group()[:head] + word.group()[len(word.group()) - tail :]
            if not regex.search(r"\p{L}", outside):
                continue  # no word around it: '√π' and '2012—∞' are mathematics
            start, end = word.start() + head, word.end() - tail
            damaged, fixed = line[start:end], repaired[head : len(repaired) - tail]
            steps: tuple[Step, ...] = (("encode", codec), ("decode", "utf-8"))
            kind, description = classify(steps)
            found.append(
                Damage(start, end, damaged, fixed, kind, description, steps,
                       round_trips(damaged, fixed, steps))
            )  # fmt: skip
            break
    return found


def _common_prefix(first: str, second: str) -> str:
    size = 0
    while size < min(len(first), len(second)) and first[size] == second[size]:
        size += 1
    return first[:size]


CHUNK = 2000


def find_damage(line: str) -> tuple[Damage, ...]:
    """Every damaged run in one line, in order.

    A long line is read in pieces of about CHUNK code points cut at white space: ftfy
    and the diff that locates its changes grow faster than linearly with length (a 5 MB
    line did not finish in two minutes), while mojibake is local to its words.
    """
    if len(line) <= CHUNK:
        return _find_damage(line)
    found: list[Damage] = []
    start = 0
    while start < len(line):
        end = min(start + CHUNK, len(line))
        if end < len(line):
            cut = line.rfind(" ", start + CHUNK // 2, end)
            end = cut + 1 if cut != -1 else end
        for damage in _find_damage(line[start:end]):
            found.append(replace(damage, start=damage.start + start, end=damage.end + start))
        start = end
    return tuple(found)


@lru_cache(maxsize=4096)
def _find_damage(line: str) -> tuple[Damage, ...]:
    if line.isascii():
        return ()
    suspect = _SUSPECT.search(line) is not None
    hinted = _REREAD_HINT.search(line) is not None
    if not (suspect or hinted):
        return ()
    from ftfy.badness import is_bad

    found = _ftfy_damage(line) if suspect and is_bad(line) else []
    if hinted:
        found.extend(_reread(line, [(d.start, d.end) for d in found]))
    return tuple(sorted(found, key=lambda damage: damage.start))


def _ftfy_damage(line: str) -> list[Damage]:
    """The runs ftfy repairs in ``line``, each with its own plan where it has one."""
    import ftfy

    whole = ftfy.fix_and_explain(line, config=_config())
    if whole.text == line:
        return []
    found = []
    for i1, i2, j1, j2 in _regions(line, whole.text):
        damaged, repair = line[i1:i2], whole.text[j1:j2]
        alone = ftfy.fix_and_explain(damaged, config=_config())
        # A short run may need its line's context to be recognised; then the line's plan
        # is the run's plan too.
        steps = tuple((alone if alone.text == repair else whole).explanation or ())
        kind, description = classify(steps)
        found.append(
            Damage(i1, i2, damaged, repair, kind, description, steps,
                   round_trips(damaged, repair, steps))
        )  # fmt: skip
    return found
