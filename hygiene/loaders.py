"""Bytes to Documents: decode, and record the facts of the bytes as provenance.

Loaders never judge the text; a file that cannot be turned into text at all
is an ``InputError`` naming it, and the run goes on with the others.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import PurePath

from hygiene.document import Document, Source, TextFormat, newline_style
from hygiene.errors import InputError

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".rst"}) | MARKDOWN_SUFFIXES
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
    return "markdown" if PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES else "text"


def decode(data: bytes, path: str) -> tuple[str, str, bool]:
    """Decode ``data`` as text; return the text, the encoding and whether it had a BOM."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, True
            except UnicodeDecodeError as error:
                raise InputError(path, _undecodable(error, len(bom))) from None
    if looks_binary(data):
        raise InputError(path, "binary file, not checked")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as error:
        raise InputError(path, _undecodable(error, 0)) from None


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


def _undecodable(error: UnicodeDecodeError, offset: int) -> str:
    byte = error.object[error.start]
    return f"not valid {error.encoding.upper()}: byte 0x{byte:02x} at offset {error.start + offset}"


def document_from_bytes(data: bytes, path: str, fmt: TextFormat | None = None) -> Document:
    """A Document from raw bytes; ``path`` is the display path used in reports."""
    text, encoding, bom = decode(data, path)
    source = Source(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        encoding=encoding,
        bom=bom,
        newline=newline_style(text),
    )
    return Document(text=text, source=source, format=fmt or text_format(path))


def read_bytes(path: str, display: str) -> bytes:
    """Read a whole file, turning OS errors into one-line input errors."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        raise InputError(display, "is a directory") from None
    except OSError as error:
        raise InputError(display, (error.strerror or str(error)).lower()) from None
