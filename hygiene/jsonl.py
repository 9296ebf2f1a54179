"""JSON Lines shards (``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``, ``.json.gz``) to Documents.

One document per text field of each record, streamed: a shard of any size is read a
line at a time. Records split on ``\\n`` only (``str.splitlines`` would also split at
U+2028 inside strings). A record that cannot be read is an InputError naming the file
and the line, and the shard goes on.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, BinaryIO

from hygiene.document import Document, Record, Source, newline_style
from hygiene.errors import InputError

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".jsonl.zstd", ".json.gz")
# Record fields that say where a text came from; they join the document's provenance.
PROVENANCE_FIELDS = ("url", "source", "license", "date", "author", "lang", "language", "sha256",
                     "title")  # fmt: skip
DEFAULT_TEXT_FIELDS = ("text",)
DEFAULT_ID_FIELD = "id"


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


@contextmanager
def open_shard(path: str) -> Iterator[BinaryIO]:
    """The shard's decompressed bytes as a stream."""
    lowered = path.lower()
    if lowered.endswith(".gz"):
        with gzip.open(path, "rb") as stream:
            yield stream  # type: ignore[misc]
    elif lowered.endswith((".zst", ".zstd")):
        import zstandard

        with open(path, "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as stream:
            yield stream
    else:
        with open(path, "rb") as stream:
            yield stream


def _lines(stream: BinaryIO) -> Iterator[bytes]:
    """Lines split on b'\\n' only, each without it."""
    pending = b""
    while chunk := stream.read(1 << 16):
        pieces = (pending + chunk).split(b"\n")
        pending = pieces.pop()
        yield from pieces
    if pending:
        yield pending


def iter_documents(
    path: str,
    display: str,
    text_fields: Sequence[str] = DEFAULT_TEXT_FIELDS,
    id_field: str = DEFAULT_ID_FIELD,
) -> Iterator[Document | InputError]:
    """Every text field of every record, or the error that stopped a record or the shard."""
    number = 0
    try:
        with open_shard(path) as stream:
            for number, raw in enumerate(_lines(stream), 1):
                yield from _record_documents(raw, number, display, text_fields, id_field)
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        yield InputError(display, f"truncated or corrupt compressed data after line {number}: "
                                  f"{error}")  # fmt: skip
    except OSError as error:
        if number:
            yield InputError(display, f"cannot read after line {number}: {error}")
        else:
            yield InputError(display, (error.strerror or str(error)).lower())
    except Exception as error:  # zstandard raises its own ZstdError
        if type(error).__name__ != "ZstdError":
            raise
        yield InputError(display, f"corrupt zstd data after line {number}: {error}")


def _record_documents(
    raw: bytes, number: int, display: str, text_fields: Sequence[str], id_field: str
) -> Iterator[Document | InputError]:
    line = raw.removesuffix(b"\r")
    if line.startswith(codecs.BOM_UTF8):
        line = line[len(codecs.BOM_UTF8) :]
    if not line.strip():
        return
    try:
        record: Any = json.loads(line)
    except UnicodeDecodeError as error:
        yield InputError(display, f"record is not UTF-8 (byte offset {error.start})", number)
        return
    except (ValueError, RecursionError) as error:
        yield InputError(display, f"malformed JSON: {str(error).splitlines()[0]}", number)
        return
    if not isinstance(record, dict):
        yield InputError(display, "record is not a JSON object", number)
        return
    identifier = record.get(id_field)
    record_id = None if identifier is None else str(identifier)
    metadata = {
        key: value
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
        data = value.encode("utf-8", "surrogatepass")
        source = Source(
            path=display,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            encoding="utf-8",
            bom=False,
            newline=newline_style(value),
        )
        yield Document(
            text=value,
            source=source,
            metadata=metadata,
            record=Record(number, record_id, field),
        )
    if not found and not errored:
        yield InputError(display, f"record has no text field ({', '.join(text_fields)})", number)
