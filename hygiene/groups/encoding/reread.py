"""Damage ftfy leaves alone: words re-read as UTF-8 through MacRoman or Windows-1251."""

from __future__ import annotations

from functools import cache

import regex

from hygiene.groups.encoding.damage import Damage, Step, classify, round_trips

# ftfy leaves alone some codec mix-ups that a re-read settles: UTF-8 read as MacRoman
# ('Zam√≤') or as Windows-1251 in Latin text ('mГ©dicament'). A word is re-read only
# when it holds a character such a mix-up makes, and kept only when the re-read is
# plausible text (see _plausible) inside a word with letters of its own ('√π' is
# mathematics, not 'ù'). Windows-1252 and Latin-1 are left to ftfy, whose
# judgement there is finer: re-reading them would take 'VOCÊ…' for damage.
REREAD_CODECS = ("sloppy-windows-1251", "macroman")
REREAD_HINT = regex.compile(
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
def continuations() -> regex.Pattern[str]:
    """The characters that the re-read codecs write as UTF-8 continuation bytes (0x80-0xBF).
    A word re-read as UTF-8 decodes to something else only through them: a word without
    any (most Cyrillic words: their letters are lead bytes in Windows-1251) is left as it is,
    or fails to decode."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    chars = {c for codec in REREAD_CODECS for c in bytes(range(0x80, 0xC0)).decode(codec)}
    return regex.compile(f"[{regex.escape(''.join(sorted(chars)))}]")


def reread(line: str, taken: list[tuple[int, int]]) -> list[Damage]:
    """Damage in words ftfy did not change, found by re-reading them as UTF-8."""
    found = []
    continuation = continuations()
    for word in _WORD.finditer(line):
        if word.group().isascii() or not REREAD_HINT.search(word.group()):
            continue
        if not continuation.search(word.group()):
            continue
        if any(start < word.end() and word.start() < end for start, end in taken):
            continue
        for codec in REREAD_CODECS:
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
