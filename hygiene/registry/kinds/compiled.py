"""What every kind compiles a rule into, and the check every kind makes of its message."""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hygiene.core.rule import Check


@dataclass(frozen=True)
class Compiled:
    """A kind's check and the rule's options: the kind's defaults, overridden by the pack."""

    check: Check
    options: Mapping[str, Any]


Compiler = Callable[[Mapping[str, Any]], Compiled]


def check_template(template: str, placeholders: Sequence[str]) -> None:
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
