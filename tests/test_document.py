"""Documents, spans, segments and loaders: offsets, lines and columns are exact."""

from __future__ import annotations

import codecs

import pytest

from hygiene.core.document import LineIndex, newline_style
from hygiene.core.segment import Segmenter
from hygiene.inputs.decoding import document_from_bytes, looks_binary


def test_positions_count_code_points_and_every_line_break() -> None:
    text = "ab\r\nčd\re\n😀x"
    index = LineIndex(text)
    assert index.line_count == 4
    positions = [index.position(offset) for offset in (0, 4, 5, 7, 9, 10)]
    assert [(p.line, p.column) for p in positions] == [
        (1, 1), (2, 1), (2, 2), (3, 1), (4, 1), (4, 2),
    ]  # fmt: skip
    span = index.span(4, 8)
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 1, 3, 2)


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("a\nb\n", "lf"),
        ("a\r\nb\r\n", "crlf"),
        ("a\rb", "cr"),
        ("a\r\nb\n", "mixed"),
        ("a", "none"),
    ],
)
def test_newline_style(text: str, style: str) -> None:
    assert newline_style(text) == style


def test_segments_paragraphs_and_lines() -> None:
    text = "Title\n\nfirst line\nsecond line\n  \nlast"
    segments = Segmenter(text)
    lines = segments.get("line")
    assert [line.text for line in lines] == ["Title", "", "first line", "second line", "  ", "last"]
    paragraphs = segments.get("paragraph")
    assert [p.text for p in paragraphs] == ["Title", "first line\nsecond line", "last"]
    assert all(text[p.start : p.end] == p.text for p in paragraphs)
    assert segments.get("document")[0].text == text
    assert segments.get("line") is lines  # computed once


@pytest.mark.parametrize(
    ("data", "encoding", "bom", "text"),
    [
        (b"plain", "utf-8", False, "plain"),
        (codecs.BOM_UTF8 + "ça".encode(), "utf-8", True, "ça"),
        (codecs.BOM_UTF16_LE + "ça".encode("utf-16-le"), "utf-16-le", True, "ça"),
        (codecs.BOM_UTF16_BE + "ça".encode("utf-16-be"), "utf-16-be", True, "ça"),
        (codecs.BOM_UTF32_LE + "ça".encode("utf-32-le"), "utf-32-le", True, "ça"),
    ],
)
def test_decoding_records_encoding_and_bom(
    data: bytes, encoding: str, bom: bool, text: str
) -> None:
    document = document_from_bytes(data, "x.txt")
    assert (document.text, document.source.encoding, document.source.bom) == (text, encoding, bom)
    assert document.source.size == len(data)


def test_markdown_is_recognised_by_suffix() -> None:
    assert document_from_bytes(b"# T", "a/README.MD").format == "markdown"
    assert document_from_bytes(b"T", "a/notes.txt").format == "text"


def test_undecodable_bytes_are_recorded_with_their_offsets() -> None:
    data = "Grüße aus München, ".encode() + b"\xff\xfe" + " schön".encode()
    document = document_from_bytes(data, "x.txt")
    assert document.source.encoding == "utf-8"
    assert document.text == "Grüße aus München, \ufffd\ufffd schön"
    assert [(i.offset, i.byte_offset, i.byte) for i in document.decode_issues] == [
        (19, 22, 0xFF), (20, 23, 0xFE),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Café crème, déjà vu, à la française, naïve façade.", "cp1252"),
        ("Вчера в Москве прошла встреча министров иностранных дел.", "koi8_r"),
        ("Вчера в Москве прошла встреча министров иностранных дел.", "cp1251"),
        ("これは日本語のテキストです。文字コードの検出を試します。", "shift_jis"),
        ("Zażółć gęślą jaźń. Łódź jest piękna, Kraków też.", "cp1250"),
        ("Hello, world: UTF-16 without a byte order mark.", "utf-16-le"),
        ("Hello, world: UTF-16 without a byte order mark.", "utf-16-be"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    document = document_from_bytes(text.encode(encoding), "x.txt")
    assert document.text == text
    assert document.source.encoding == codecs.lookup(encoding).name
    assert document.source.encoding_evidence == "detected"


def test_declared_encoding_wins() -> None:
    document = document_from_bytes("Ðóra".encode("cp1252"), "x.txt", declared="latin-1")
    assert (document.text, document.source.encoding_evidence) == ("Ðóra", "declared")


def test_binary_sniffing() -> None:
    assert looks_binary(b"\x1f\x8b\x08\0\0\0\0\0\0\x03")  # gzip
    assert looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    assert not looks_binary(b"a stray NUL\0 in otherwise ordinary text")
    assert not looks_binary("plain text, ünïcödé".encode())


def test_utf32_bom_with_bytes_it_cannot_decode_is_read_with_replacements() -> None:
    # Found by the fuzz harness: UTF-32 decodes with surrogateescape but cannot encode back.
    document = document_from_bytes(b"\x00\x00\xfe\xff\xff\xff\xff\xff\xa2\xfc\xd9", "doc.txt")
    assert document.source.encoding == "utf-32-be"
    assert "\N{REPLACEMENT CHARACTER}" in document.text


def test_a_stray_nul_in_short_text_is_not_read_as_utf16() -> None:
    document = document_from_bytes(b"ab\x00cdefghijklmnopqrstuvwxyz and more text here\n", "d.txt")
    assert document.source.encoding == "utf-8"
    assert "\x00" in document.text  # left for UC003 to report
