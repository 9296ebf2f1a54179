"""Locate text that went through the wrong codec, with exact spans, using ftfy's heuristics.

ftfy is a fixer: it takes a string and returns a better one. To report findings we
run it on one line at a time (only lines a cheap character filter and ftfy's own
badness check flag), compare its output with the input, and turn each changed
region into a damage with its repair, its explanation steps, and whether the
repair round-trips: re-encoding the repair gives back the damaged text exactly.
ftfy is imported on first use, never on clean ASCII or clean non-Latin text.

The changed regions come from ``diff``, a damage's name and safety from ``damage``, and
the mix-ups ftfy leaves alone (MacRoman, Windows-1251) from ``reread``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import regex

from hygiene.groups.encoding.damage import Damage, classify, one_codec, round_trips
from hygiene.groups.encoding.diff import Budget, char_opcodes
from hygiene.groups.encoding.reread import REREAD_HINT, reread
from hygiene.text.garbled import SUSPECT

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

# Regions this close are one damaged run: inside a word ('ÄŒeÅ¡tina'), or words
# damaged back to back ('Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€').
_GAP = regex.compile(r"\S{0,3}|[ \t]{1,3}")


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


def _regions(original: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """Changed regions, joined across short runs of spaces ('Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€' is one)."""
    regions: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in char_opcodes(original, fixed, Budget()):
        if tag == "equal":
            continue
        if regions and _GAP.fullmatch(original[regions[-1][1] : i1]):
            regions[-1] = (regions[-1][0], i2, regions[-1][2], j2)
        else:
            regions.append((i1, i2, j1, j2))
    return regions


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
    suspect = SUSPECT.search(line) is not None
    hinted = REREAD_HINT.search(line) is not None
    if not (suspect or hinted):
        return ()
    from ftfy.badness import is_bad

    found = _ftfy_damage(line) if suspect and is_bad(line) else []
    if hinted:
        found.extend(reread(line, [(d.start, d.end) for d in found]))
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
        # The line's plan may hold steps for its other runs (decode_inconsistent_utf8): this
        # run is safe to mend when its codec steps alone undo its repair exactly, as they
        # would were the run on a line of its own (so fixing another run first, an entity
        # beside it, does not turn an unsafe repair into a safe one).
        codec_steps = tuple(step for step in steps if step[0] in ("encode", "decode"))
        safe = one_codec(codec_steps) and round_trips(damaged, repair, codec_steps)
        found.append(Damage(i1, i2, damaged, repair, kind, description, steps, safe))
    return found
