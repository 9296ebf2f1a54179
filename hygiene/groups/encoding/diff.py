"""Where a repair changed a line: difflib's opcodes, found word by word under a work budget.

difflib's diff grows with the square of what it compares; a line is compared a word at a
time, and past ``DIFF_BUDGET`` with anchors instead, so a hostile line costs linear time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import regex

_TOKENS = regex.compile(r"\S+|\s+")
Items = Sequence[Hashable]
Opcode = tuple[str, int, int, int, int]
Block = tuple[int, int, int]
# difflib compares every pair of equal elements of the two sides once more on each pass,
# and makes a pass per matching block: on a word of 2,000 characters that repeat
# ('a\x93' * 1000, a C1 control after each letter) one diff took 42 seconds. Its work on
# one piece of a line (see mojibake.find_damage) is counted, and past this budget the
# piece's remaining diffs are anchored instead (_anchored_blocks). The most any piece of
# a line of the encoding corpus and of 120,000 damaged lines of the clean corpora needed
# was 292,000 (about 15 ms).
DIFF_BUDGET = 1 << 19


class _OverBudget(Exception):
    """difflib's work on one piece of a line went past ``DIFF_BUDGET``."""


@dataclass(slots=True)
class Budget:
    """What is left of ``DIFF_BUDGET`` for one piece of a line."""

    left: int = DIFF_BUDGET


def _matching_blocks(first: Items, second: Items, budget: Budget) -> list[Block]:
    """Runs equal in both sides, in order: difflib's ``get_matching_blocks`` (without its
    final empty block) while the budget lasts, anchored blocks after."""
    try:
        return _difflib_blocks(first, second, budget)
    except _OverBudget:
        return _anchored_blocks(first, second, budget)


def _difflib_blocks(first: Items, second: Items, budget: Budget) -> list[Block]:
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


def _anchored_blocks(first: Items, second: Items, budget: Budget) -> list[Block]:
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
    first: Items, second: Items, gap: tuple[int, int, int, int], budget: Budget
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


def opcodes(first: Items, second: Items, budget: Budget) -> list[Opcode]:
    """difflib's ``get_opcodes``, from ``_matching_blocks``."""
    found: list[Opcode] = []
    i = j = 0
    for a, b, size in (*_matching_blocks(first, second, budget), (len(first), len(second), 0)):
        if i < a and j < b:
            found.append(("replace", i, a, j, b))
        elif i < a:
            found.append(("delete", i, a, j, b))
        elif j < b:
            found.append(("insert", i, a, j, b))
        i, j = a + size, b + size
        if size:
            found.append(("equal", a, i, b, j))
    return found


def char_opcodes(original: str, fixed: str, budget: Budget) -> list[Opcode]:
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
        pairs = opcodes(words_before, [fixed[a:b] for a, b in after], budget)
    found: list[Opcode] = []
    for tag, w1, w2, v1, v2 in pairs:
        i1 = before[w1][0] if w1 < len(before) else len(original)
        i2 = before[w2 - 1][1] if w2 > w1 else i1
        j1 = after[v1][0] if v1 < len(after) else len(fixed)
        j2 = after[v2 - 1][1] if v2 > v1 else j1
        if tag == "equal":
            found.append(("equal", i1, i2, j1, j2))
            continue
        for kind, a1, a2, b1, b2 in opcodes(original[i1:i2], fixed[j1:j2], budget):
            found.append((kind, i1 + a1, i1 + a2, j1 + b1, j1 + b2))
    return found
