"""Make text safe to show: no control, bidi or invisible character reaches a terminal raw,
and no file name or excerpt becomes a command of the CI log that shows it.

A finding's excerpt is often exactly the character that is the problem
(U+202E RIGHT-TO-LEFT OVERRIDE, an ANSI escape), so printing it raw would hide
the problem or rewrite the screen. A file name is user text too: GitHub's runner
reads every line of a step's output, and runs ``::command ...::data`` at the start
of a line (after leading white space) and ``##[command ...]data`` anywhere in one
(actions/runner, src/Runner.Common/ActionCommand.cs), so a file named
``::error file=x.md::INJECTED.md`` printed raw would be an annotation, or a
``::stop-commands::`` that silences hygiene's own.
"""

from __future__ import annotations

import regex

# Raw C0 controls never occur inside json.dumps strings, so they stay out of the
# JSON set: any raw newline there is the layout's own. Lone surrogates (a file name
# that is not UTF-8, read with os.fsdecode: b"caf\xe9.md" is "caf\udce9.md") cannot
# be written as UTF-8, and are escaped wherever they stand.
_JSON_UNSAFE = regex.compile(
    r"[\x7f-\x9f\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufffe\uffff]"
)
_TERMINAL_UNSAFE = regex.compile(
    r"[\x00-\x1f\x7f-\x9f\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
    r"\ufffe\uffff]"
)
# What XML 1.0 cannot hold even as a character reference (&#1; is not well-formed).
_XML_UNSAFE = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\p{Cs}\ufffe\uffff]")

# The runner's two command syntaxes: ``##[`` anywhere in a line, ``::`` opening one.
LEGACY_COMMAND = "##["
COMMAND = "::"


def _json_escape(match: regex.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _terminal_escape(match: regex.Match[str]) -> str:
    char = match.group()
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(char)
    if named:
        return named
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def escape_json_output(serialized: str) -> str:
    """Escape invisible characters and lone surrogates inside an already serialised JSON
    document, and the ``[`` of a ``##[`` (as ``\\u005b``, which reads back the same)."""
    if serialized.isascii() and "\x7f" not in serialized and LEGACY_COMMAND not in serialized:
        return serialized  # the common record: no character to escape, found at C speed
    escaped = _JSON_UNSAFE.sub(_json_escape, serialized)
    # Outside strings "##" never stands in JSON, so every "##[" is inside one.
    return escaped.replace(LEGACY_COMMAND, "##\\u005b")


def escape_for_terminal(text: str) -> str:
    """Show controls, bidi and invisible characters and lone surrogates as ``\\uXXXX``
    escapes, on one line that no CI runner reads as a workflow command: the ``[`` of a
    ``##[`` becomes ``\\u005b``, and a leading ``::`` (after spaces) ``\\u003a:``."""
    escaped = _TERMINAL_UNSAFE.sub(_terminal_escape, text)
    if LEGACY_COMMAND in escaped:
        escaped = escaped.replace(LEGACY_COMMAND, "##\\u005b")
    stripped = escaped.lstrip(" ")
    if stripped.startswith(COMMAND):
        escaped = escaped[: len(escaped) - len(stripped)] + "\\u003a" + stripped[1:]
    return escaped


def escape_xml_output(serialized: str) -> str:
    """Show the characters XML 1.0 cannot hold as ``\\uXXXX`` text in a serialised
    document, which is then always well-formed."""
    return _XML_UNSAFE.sub(_terminal_escape, serialized)
