"""A fixed text in its file's own bytes, refused unless every byte outside the fixes stays
as it was: the bytes of a text that changed only where it was fixed."""

from __future__ import annotations

import codecs

from hygiene.core.document import Document
from hygiene.core.errors import InputError


def encode_like(document: Document, text: str) -> bytes:
    """Bytes in the document's own encoding, with its BOM if it had one."""
    bom = "\N{ZERO WIDTH NO-BREAK SPACE}" if document.source.bom else ""
    try:
        return (bom + text).encode(document.source.encoding)
    except UnicodeEncodeError as error:
        char = error.object[error.start]
        raise InputError(
            document.path,
            f"the fixed text has U+{ord(char):04X}, which {document.source.encoding} cannot "
            "encode; not fixed",
        ) from None


# Encodings whose bytes depend on what came before (escape sequences switch modes): a
# fix could change bytes far from it, so none is written in them.
_STATEFUL = frozenset({"iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004",
                       "iso2022_jp_3", "iso2022_jp_ext", "iso2022_kr", "utf_7", "hz"})  # fmt: skip


def encode_in_place(document: Document, original: bytes, text: str) -> bytes:
    """The fixed text in the file's own encoding, refused unless every byte outside the
    fixes stays as it was: the unfixed text must encode back to exactly the original
    bytes (cp932 and others map some bytes to characters that encode otherwise), the
    encoding must be stateless, and a file declared in a legacy encoding must not in fact
    be UTF-8 (its mojibake "repairs" would write legacy bytes into a UTF-8 file)."""
    encoding = document.source.encoding
    name = codecs.lookup(encoding).name.replace("-", "_")
    if name in _STATEFUL:
        raise InputError(
            document.path, f"is in {encoding}, whose bytes depend on what precedes them; not fixed"
        )
    if document.source.encoding_evidence == "declared" and name != "utf_8" and _is_utf8(original):
        raise InputError(
            document.path,
            f"is declared {encoding} but its bytes are UTF-8; not fixed (check the encodings "
            "setting)",
        )
    if encode_like(document, document.text) != original:
        raise InputError(
            document.path,
            f"re-encoding it in {encoding} would change bytes outside the fixes; not fixed",
        )
    return encode_like(document, text)


def _is_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
