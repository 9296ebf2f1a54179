"""A damaged run of a line, named by the codec mix-up that made it.

ftfy's plan for a repair (its ``explain`` steps) says which codec read the UTF-8 bytes and
how often; ``classify`` turns it into the kind a message names, and ``round_trips`` says
whether undoing the plan gives back the damaged text, which makes the repair safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DamageKind = Literal["utf8-as-cp1252", "utf8-as-latin1", "utf8-as-other", "double", "c1", "lossy"]
Step = tuple[str, str]


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


def one_codec(steps: tuple[Step, ...]) -> bool:
    """Whether every wrong reading in the plan is by the same codec: text read wrongly
    twice went through one pipeline twice. A chain of two legacy codecs (Windows-1252,
    then MacRoman) round-trips by chance far more often than it happened, and its
    "repair" is often letters of scripts the text never held."""
    codecs = {name.removeprefix("sloppy-") for action, name in steps if action == "encode"}
    return len(codecs) <= 1


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
