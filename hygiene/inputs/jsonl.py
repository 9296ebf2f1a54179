"""JSON Lines shards (``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``, ``.json.gz``) to Documents.

One document per text field of each record, streamed: a shard of any size is read a
line at a time. Records split on ``\\n`` only (``str.splitlines`` would also split at
U+2028 inside strings). A record that cannot be read is an InputError naming the file
and the line, and the shard goes on: malformed JSON, a key given twice (readers disagree
on which value counts), a record over the size limit (never held whole), and, in a
truncated ``.gz``, the cut, after every whole record before it has been checked.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, BinaryIO

from hygiene.core.document import Document, Record, Source, TextFormat, newline_style
from hygiene.core.errors import InputError, os_reason
from hygiene.inputs.decoding import front_matter, too_large

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".jsonl.zstd", ".json.gz")
# Record fields that say where a text came from; they join the document's provenance.
PROVENANCE_FIELDS = ("url", "source", "license", "date", "author", "lang", "language", "sha256",
                     "title")  # fmt: skip
DEFAULT_TEXT_FIELDS = ("text",)
DEFAULT_ID_FIELD = "id"
DEFAULT_LIMIT = 64 << 20  # bytes of a record, as max-document-megabytes = 64


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


# A shard's line: its number, and its bytes (or its length, when over the size limit).
Line = tuple[int, bytes | int]


def iter_documents(
    path: str,
    display: str,
    text_fields: Sequence[str] = DEFAULT_TEXT_FIELDS,
    id_field: str = DEFAULT_ID_FIELD,
    limit: int = DEFAULT_LIMIT,
    text_format: TextFormat = "text",
) -> Iterator[Document | InputError]:
    """Every text field of every record, or the error that stopped a record or the shard."""
    for line in read_lines(path, display, limit):
        if isinstance(line, InputError):
            yield line
        else:
            yield from line_documents(line, display, text_fields, id_field, limit, text_format)


def read_lines(path: str, display: str, limit: int = DEFAULT_LIMIT) -> Iterator[Line | InputError]:
    """The shard's lines, numbered, then the error that stopped the reading, if one did.
    Reading and checking are apart so that one process can read a shard while others check
    its lines (``--jobs`` on a large shard)."""
    number = 0
    try:
        for number, line in enumerate(chunked_lines(_chunks(path), limit), 1):
            yield number, line
    except (EOFError, zlib.error) as error:
        yield InputError(display, f"truncated or corrupt compressed data after line {number}: "
                                  f"{error}")  # fmt: skip
    except OSError as error:
        if number:
            yield InputError(display, f"cannot read after line {number}: {error}")
        else:
            yield InputError(display, os_reason(error))
    except Exception as error:  # zstandard raises its own ZstdError
        if type(error).__name__ != "ZstdError":
            raise
        yield InputError(display, f"corrupt zstd data after line {number}: {error}")


def line_documents(
    line: Line,
    display: str,
    text_fields: Sequence[str] = DEFAULT_TEXT_FIELDS,
    id_field: str = DEFAULT_ID_FIELD,
    limit: int = DEFAULT_LIMIT,
    text_format: TextFormat = "text",
) -> Iterator[Document | InputError]:
    """A document per text field of one line's record, or the error that stopped it;
    ``text_format`` says how the fields are written (a corpus of Markdown pages)."""
    number, raw = line
    if isinstance(raw, int):
        yield too_large(display, raw, limit, number)
    else:
        yield from _record_documents(raw, number, display, text_fields, id_field, text_format)


def _chunks(path: str) -> Iterator[bytes]:
    """The shard's decompressed bytes, a piece at a time."""
    lowered = path.lower()
    with open(path, "rb") as raw:
        if lowered.endswith(".gz"):
            yield from _gunzip(raw)
        elif lowered.endswith((".zst", ".zstd")):
            import zstandard

            with zstandard.ZstdDecompressor().stream_reader(raw) as stream:
                while chunk := stream.read(_CHUNK):
                    yield chunk
        else:
            while chunk := raw.read(_CHUNK):
                yield chunk


def _gunzip(raw: BinaryIO) -> Iterator[bytes]:
    """gzip members, decompressed as the bytes arrive: unlike ``gzip.open``, a truncated
    file gives every byte before the cut, then EOFError."""
    decoder = zlib.decompressobj(_GZIP)
    fed = False
    while data := raw.read(_CHUNK):
        while data:
            if not fed and not data.strip(b"\0"):
                break  # zero padding after a member, which gzip allows
            fed = True
            yield decoder.decompress(data)
            if not decoder.eof:
                break
            data = decoder.unused_data  # the start of another member, or padding
            decoder, fed = zlib.decompressobj(_GZIP), False
    if fed and not decoder.eof:
        raise EOFError("the compressed data ends before its end-of-stream marker")


_CHUNK = 1 << 16
_GZIP = zlib.MAX_WBITS | 16


def chunked_lines(chunks: Iterable[bytes], limit: int) -> Iterator[bytes | int]:
    """Lines split on b'\\n' only, each without it. A line over ``limit`` bytes is given
    as its length instead, and is never held whole."""
    parts: list[bytes] = []
    held = 0
    skipping = False
    for chunk in chunks:
        pieces = chunk.split(b"\n")
        for piece in pieces[:-1]:
            held += len(piece)
            if skipping or held > limit:
                yield held
            else:
                yield b"".join((*parts, piece))
            parts, held, skipping = [], 0, False
        tail = pieces[-1]
        held += len(tail)
        if skipping or held > limit:
            parts, skipping = [], True
        elif tail:
            parts.append(tail)
    if skipping:
        yield held
    elif held:
        yield b"".join(parts)


def _record_documents(
    raw: bytes,
    number: int,
    display: str,
    text_fields: Sequence[str],
    id_field: str,
    text_format: TextFormat = "text",
) -> Iterator[Document | InputError]:
    line = raw.removesuffix(b"\r")
    if line.startswith(codecs.BOM_UTF8):
        line = line[len(codecs.BOM_UTF8) :]
    if not line.strip():
        return
    try:
        record: Any = json.loads(line, object_pairs_hook=_object)
    except UnicodeDecodeError as error:
        yield InputError(display, f"record is not UTF-8 (byte offset {error.start})", number)
        return
    except ValueError as error:
        yield InputError(display, f"malformed JSON: {str(error).splitlines()[0]}", number)
        return
    except RecursionError:
        yield InputError(display, "malformed JSON: nested too deeply to read", number)
        return
    if not isinstance(record, dict):
        yield InputError(display, "record is not a JSON object", number)
        return
    if isinstance(record, _RepeatedKeys):
        yield InputError(display, f"key {record.repeated!r} appears twice in the record: readers "
                                  "disagree on which value counts", number)  # fmt: skip
        return
    # Only the strings a document takes are mended: a record may nest deeper than a
    # walk over all of it could go.
    lone = b"\\u" in line and _LONE_SURROGATE_ESCAPE.search(line) is not None
    identifier = record.get(id_field)
    record_id = None if identifier is None else str(identifier)
    if lone and record_id is not None:
        record_id = _whole(record_id)
    metadata = {
        key: _whole(value) if lone and isinstance(value, str) else value
        for key in PROVENANCE_FIELDS
        if isinstance(value := record.get(key), str | int | float | bool)
    }
    found = errored = False
    for field in text_fields:
        value = record.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            yield InputError(display, f"field {field!r} is {type(value).__name__}, not a string",
                             number)  # fmt: skip
            errored = True
            continue
        found = True
        if lone:
            value = _whole(value)
        data = value.encode("utf-8", "surrogatepass")
        source = Source(
            path=display,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            encoding="utf-8",
            bom=False,
            newline=newline_style(value),
        )
        fields, body_start = front_matter(value) if text_format == "markdown" else ({}, 0)
        yield Document(
            text=value,
            source=source,
            format=text_format,
            metadata={**fields, **metadata},  # the record's own fields win
            body_start=body_start,
            record=Record(number, record_id, field),
        )
    if not found and not errored:
        yield InputError(display, f"record has no text field ({', '.join(text_fields)})", number)


# A \uD800-\uDFFF escape in the raw line: JSON may write half of a pair alone (a scraper
# that cut an emoji in two), which Python keeps as a lone surrogate no UTF-8 can hold.
_LONE_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole(value: str) -> str:
    """A string with each lone surrogate replaced by U+FFFD, the character of text lost:
    the record is still checked, and EN003 reports the loss where it stands."""
    return _LONE_SURROGATE.sub("\N{REPLACEMENT CHARACTER}", value)


class _RepeatedKeys(dict[str, Any]):
    """A JSON object that gives a key more than once (``json`` keeps the last value)."""

    repeated: str


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    built = dict(pairs)
    if len(built) == len(pairs):
        return built
    marked = _RepeatedKeys(built)
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            marked.repeated = key
            break
        seen.add(key)
    return marked
