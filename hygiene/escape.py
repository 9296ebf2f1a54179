"""Make text safe to show: no control, bidi or invisible character reaches a terminal raw.

A finding's excerpt is often exactly the character that is the problem
(U+202E RIGHT-TO-LEFT OVERRIDE, an ANSI escape), so printing it raw would hide
the problem or rewrite the screen.
"""

from __future__ import annotations

import regex

# Raw C0 controls never occur inside json.dumps strings, so they stay out of the
# JSON set: any raw newline there is the layout's own.
_JSON_UNSAFE = regex.compile(
    r"[\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufffe\uffff]"
)
_TERMINAL_UNSAFE = regex.compile(
    r"[\x00-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufffe\uffff]"
)


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
    """Escape invisible characters inside an already serialised JSON document."""
    if serialized.isascii() and "\x7f" not in serialized:
        return serialized  # the common record: no character to escape, found at C speed
    return _JSON_UNSAFE.sub(_json_escape, serialized)


def escape_for_terminal(text: str) -> str:
    """Show controls, bidi and invisible characters as ``\\uXXXX`` escapes."""
    return _TERMINAL_UNSAFE.sub(_terminal_escape, text)
