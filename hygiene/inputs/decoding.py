"""Bytes to Documents: decode, and record the facts of the bytes as provenance.

Loaders never judge the text; a file that cannot be turned into text at all
is an ``InputError`` naming it, and the run goes on with the others.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from hygiene.core.document import (
    DecodeIssue,
    Document,
    EncodingEvidence,
    Source,
    TextFormat,
    newline_style,
)
from hygiene.core.errors import InputError, os_reason

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx"})
# Each format's suffixes; anything else read is plain text.
FORMAT_SUFFIXES: dict[str, TextFormat] = {
    **dict.fromkeys(MARKDOWN_SUFFIXES, "markdown"),
    **dict.fromkeys((".html", ".htm", ".xhtml"), "html"),
    ".rst": "rst",
    **dict.fromkeys((".adoc", ".asciidoc"), "asciidoc"),
}
TEXT_SUFFIXES = frozenset({".txt", ".text"}) | frozenset(FORMAT_SUFFIXES)
BINARY_SNIFF = 8192

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def text_format(path: str) -> TextFormat:
    """A file's format, by its suffix."""
    return FORMAT_SUFFIXES.get(PurePath(path).suffix.lower(), "text")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with how its encoding was decided and what could not be read."""

    text: str
    encoding: str
    bom: bool
    evidence: EncodingEvidence
    issues: tuple[DecodeIssue, ...] = ()


def decode(data: bytes, path: str, declared: str | None = None) -> Decoded:
    """Decode ``data``: BOM, then a declared encoding, UTF-8, UTF-16 without BOM, detection.

    Undecodable bytes never stop a check: they become U+FFFD and are recorded with
    their byte offsets so a rule can report them.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_lossy(data, encoding, "bom", len(bom))
    if declared is not None:
        return _decode_lossy(data, declared, "declared", 0)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return Decoded(data.decode(utf16), utf16, False, "detected")
    if looks_binary(data):
        raise InputError(path, "binary file, not checked")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False, "utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _decode_lossy(data, "utf-8", "utf-8", 0)
    detected = detect_legacy_encoding(data)
    if detected is None:
        return _decode_lossy(data, "utf-8", "utf-8", 0)
    return _decode_lossy(data, detected, "detected", 0)


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def looks_binary(data: bytes) -> bool:
    """A NUL byte in the first 8 KiB of bytes that are not UTF-8, or NULs in over a tenth of them.

    A stray NUL in otherwise good text is damage the unicode rules report, not a
    reason to skip the file.
    """
    sample = data[:BINARY_SNIFF]
    nuls = sample.count(0)
    if not nuls:
        return False
    if nuls * 10 > len(sample):
        return True
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start < len(sample) - 3  # not just a character cut at the sample's end
    return False


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes, rather than a legacy 8-bit encoding.

    In a legacy encoding valid UTF-8 sequences are rare accidents; in damaged UTF-8
    they carry nearly all of the non-ASCII bytes.
    """
    multibyte = sum(len(match) for match in _UTF8_MULTIBYTE.findall(data))
    high = len(_HIGH_BYTE.findall(data))
    return multibyte > 0 and multibyte >= 0.8 * high


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte of its ASCII characters."""
    sample = data[:BINARY_SNIFF]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    pairs = len(odd)
    for encoding, nul_side, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nul_side.count(0) >= 0.4 * pairs and other.count(0) <= 0.05 * pairs:
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


# Tried in this order when detection cannot tell them apart: Western European first,
# the most common legacy encoding of the web.
LEGACY_ENCODINGS = (
    "cp1252", "cp1251", "cp1250", "koi8_r", "shift_jis", "gb18030", "euc_kr", "big5",
    "euc_jp", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "mac_roman", "latin_1",
)  # fmt: skip


def detect_legacy_encoding(data: bytes) -> str | None:
    """The most plausible legacy encoding (charset-normalizer), ties broken by commonness."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    if not results:
        return None
    best = min((r.chaos, -r.coherence) for r in results)
    tied = {r.encoding for r in results if (r.chaos, -r.coherence) == best}
    for name in LEGACY_ENCODINGS:
        if codecs.lookup(name).name in {codecs.lookup(t).name for t in tied}:
            return codecs.lookup(name).name
    return codecs.lookup(results[0].encoding).name


def _decode_lossy(data: bytes, encoding: str, evidence: EncodingEvidence, skip: int) -> Decoded:
    """Decode, turning each undecodable byte into U+FFFD and recording where it was."""
    body = data[skip:]
    try:
        return Decoded(body.decode(encoding), encoding, skip > 0, evidence)
    except UnicodeDecodeError:
        pass
    try:
        escaped = body.decode(encoding, "surrogateescape")
    except UnicodeDecodeError:  # codecs that cannot escape (UTF-16 with an odd byte)
        return Decoded(body.decode(encoding, "replace"), encoding, skip > 0, evidence)
    issues: list[DecodeIssue] = []
    for match in _ESCAPED.finditer(escaped):
        offset = match.start()
        if len(issues) < MAX_DECODE_ISSUES:
            try:
                prefix = len(escaped[:offset].encode(encoding, "surrogateescape"))
            except UnicodeEncodeError:  # UTF-32 decodes with escapes but cannot encode them
                return Decoded(body.decode(encoding, "replace"), encoding, skip > 0, evidence)
            issues.append(DecodeIssue(offset, skip + prefix, ord(match.group()) - 0xDC00))
    text = _ESCAPED.sub("\N{REPLACEMENT CHARACTER}", escaped)
    return Decoded(text, encoding, skip > 0, evidence, tuple(issues))


_ESCAPED = re.compile("[\udc80-\udcff]")
MAX_DECODE_ISSUES = 1000


def document_from_bytes(
    data: bytes, path: str, fmt: TextFormat | None = None, declared: str | None = None
) -> Document:
    """A Document from raw bytes; ``path`` is the display path used in reports."""
    decoded = decode(data, path, declared)
    fmt = fmt or text_format(path)
    metadata, body_start = front_matter(decoded.text) if fmt == "markdown" else ({}, 0)
    source = Source(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        encoding=codecs.lookup(decoded.encoding).name,
        bom=decoded.bom,
        newline=newline_style(decoded.text),
        encoding_evidence=decoded.evidence,
    )
    return Document(
        text=decoded.text,
        source=source,
        format=fmt,
        metadata=metadata,
        body_start=body_start,
        decode_issues=decoded.issues,
    )


# A fence line ends before its line break, which may be CRLF (``$`` stops only before LF).
_YAML_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)
_TOML_FRONT = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*\r?$\n?", re.S | re.M)
_YAML_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*\r?$", re.M)


def front_matter(text: str) -> tuple[dict[str, Any], int]:
    """Top-level fields of a Markdown front matter block (YAML ``---`` or TOML ``+++``).

    Only flat ``key: value`` fields of YAML are read (no YAML library is needed for
    what provenance uses: lang, source, url, date ...); TOML is parsed in full.
    """
    match = _TOML_FRONT.match(text)
    if match:
        try:
            data = tomllib.loads(match.group(1))
        except tomllib.TOMLDecodeError:
            return {}, match.end()
        return {key: _plain(value) for key, value in data.items()}, match.end()
    match = _YAML_FRONT.match(text)
    if not match:
        return {}, 0
    fields = {
        key: value.strip("'\"") for key, value in _YAML_FIELD.findall(match.group(1)) if value
    }
    return fields, match.end()


def _plain(value: Any) -> Any:
    """TOML values as JSON can hold them (dates become ISO strings)."""
    if isinstance(value, dict):
        return {key: _plain(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_plain(inner) for inner in value]
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def too_large(display: str, size: int, limit: int, line: int | None = None) -> InputError:
    what = "record" if line is not None else "file"
    # A stream is read one byte past the limit, and its whole size is never known.
    size_text = "" if size == limit + 1 else f"{size / (1 << 20):,.1f} MiB, "
    return InputError(
        display,
        f"{what} too large to check as one document: {size_text}over the limit of "
        f"{limit >> 20} MiB (max-document-megabytes)",
        line,
    )


def read_bytes(path: str, display: str, limit: int | None = None) -> bytes:
    """Read a whole file of at most ``limit`` bytes, turning OS errors into one-line input
    errors. A larger file is refused by its size, before any of it is read."""
    try:
        with open(path, "rb") as handle:
            if limit is None:
                return handle.read()
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise too_large(display, size, limit)
            data = handle.read(limit + 1)  # a file that grew, or one whose size is not known
            if len(data) > limit:
                raise too_large(display, len(data), limit)
            return data
    except IsADirectoryError:
        raise InputError(display, "is a directory") from None
    except OSError as error:
        raise InputError(display, os_reason(error)) from None
