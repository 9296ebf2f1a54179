"""The fixed kinds a declarative rule can be, each compiled once into a check function.

A kind is a small, well-understood matcher, one module each; anything a pack needs
beyond these is a Python rule. Compilation errors (a bad regex, a message naming an
unknown placeholder) are raised as ``ValueError`` for the pack loader to place.
"""

from __future__ import annotations

from collections.abc import Mapping

from hygiene.registry.kinds.compiled import Compiler
from hygiene.registry.kinds.line_phrase import compile_line_phrase
from hygiene.registry.kinds.pattern import compile_pattern

KINDS: Mapping[str, Compiler] = {
    "pattern": compile_pattern,
    "line-phrase": compile_line_phrase,
}
