"""The fixed kinds a declarative rule can be, each compiled once into a check function.

A kind is a small, well-understood matcher; anything a pack needs beyond these
is a Python rule. Compilation errors (a bad regex, a message naming an unknown
placeholder) are raised as ``ValueError`` for the pack loader to place.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from hygiene.rule import Check, Edit, Fix, Hit, RuleContext
from hygiene.segment import Segment

LINE_PREFIX_DEFAULTS: Mapping[str, Any] = {"max-length": 100, "prose-endings": ".,;"}


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
    try:
        template.format_map(dict.fromkeys(placeholders, ""))
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(
            f"message {template!r} uses an unknown placeholder {error}; "
            f"known: {', '.join('{' + name + '}' for name in placeholders)}"
        ) from None


def compile_pattern(spec: Mapping[str, Any]) -> Compiled:
    """``pattern``: every match of a regex is a hit, unless an ``allow`` match covers it."""
    pattern = _compile_regex(spec["pattern"])
    allows = [_compile_regex(source) for source in spec.get("allow", ())]
    template: str = spec["message"]
    _check_template(template, ("match", "char"))
    fix_spec: Mapping[str, Any] | None = spec.get("fix")

    def allowed_spans(text: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for allow in allows for m in allow.finditer(text)]

    def check(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
        text = segment.text
        shields: list[tuple[int, int]] | None = None
        for match in pattern.finditer(text):
            start, end = match.span()
            if allows:
                shields = allowed_spans(text) if shields is None else shields
                if any(low <= start and end <= high for low, high in shields):
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

    return Compiled(check, dict(spec.get("options", {})))


def compile_line_prefix(spec: Mapping[str, Any]) -> Compiled:
    """``line-prefix``: a short line made of a label, a separator and a title.

    The labels of one rule compile into a single alternation, so a line costs one
    match whatever the number of labels. A line ending like a sentence is prose.
    """
    labels = sorted(spec["labels"], key=len, reverse=True)
    separators = spec.get("separators", [":", "\N{FULLWIDTH COLON}"])
    template: str = spec["message"]
    _check_template(template, ("label", "title"))

    label_alternation = "|".join(r"\s+".join(map(regex.escape, label.split())) for label in labels)
    separator_alternation = "|".join(map(regex.escape, separators))
    matcher = _compile_regex(
        rf"^[ \t]*(?P<label>{label_alternation})[ \t]*(?:{separator_alternation})[ \t]*"
        rf"(?P<title>\S.*?)[ \t]*$",
        regex.IGNORECASE,
    )

    def check(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
        match = matcher.match(segment.text)
        if match is None:
            return
        title = match.group("title")
        if len(title) > ctx.options["max-length"] or title[-1] in ctx.options["prose-endings"]:
            return
        message = template.format_map({"label": match.group("label"), "title": title})
        yield Hit(match.start("label"), match.end("title"), message)

    return Compiled(check, {**LINE_PREFIX_DEFAULTS, **spec.get("options", {})})


KINDS: Mapping[str, Compiler] = {
    "pattern": compile_pattern,
    "line-prefix": compile_line_prefix,
}
