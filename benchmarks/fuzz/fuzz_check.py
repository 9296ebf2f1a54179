"""Fuzz the whole check with atheris: random bytes in, never an exception out.

Each input is decoded as a file would be (plain text, Markdown or a JSON Lines shard,
chosen by the first byte), checked with every rule (ALL, opt-in ones included), turned
into a report that is validated against its schema, and its safe and unsafe fixes are
applied twice: the second pass must change nothing. Any exception is a crash atheris
reports with the input.

    python -m venv /tmp/fz && /tmp/fz/bin/pip install atheris -e .
    /tmp/fz/bin/python benchmarks/fuzz/fuzz_check.py -max_total_time=600

(atheris needs a CPython it has wheels for: 3.11 on Linux x86_64 here.)
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from hygiene.api import Checker
    from hygiene.config.settings import Config
    from hygiene.core.document import Document
    from hygiene.core.errors import InputError
    from hygiene.gate.fix import fix_document
    from hygiene.inputs.decoding import document_from_bytes
    from hygiene.inputs.jsonl import _lines, _record_documents
    from hygiene.report.model import validate

CHECKER = Checker(Config(select=("ALL",)))


def check_one(data: bytes) -> None:
    kind = data[0] % 3 if data else 0
    if kind == 2:
        check_shard(data[1:])
        return
    try:
        document = document_from_bytes(data[1:], "fuzz.md" if kind else "fuzz.txt")
    except InputError:
        return  # a clear error for unreadable bytes is the expected outcome
    check_document(document)


def check_shard(data: bytes) -> None:
    """Lines of a shard (cut into chunks as a file read would be), each record's documents."""
    chunks = [data[i : i + 7] for i in range(0, len(data), 7)]
    for number, line in enumerate(_lines(chunks, 64), 1):
        if isinstance(line, int):
            continue
        for item in _record_documents(line, number, "fuzz.jsonl", ("text", "body"), "id"):
            if isinstance(item, InputError):
                assert "\n" not in str(item)
            else:
                check_document(item)


def check_document(document: Document) -> None:
    record, findings = CHECKER.check(document)
    for finding in findings:
        assert 0 <= finding.span.start <= finding.span.end <= len(document.text)
    validate(CHECKER.report([(record, findings)]).to_dict())
    if document.decode_issues:
        return  # such a file is never rewritten
    once = fix_document(document, lambda d: CHECKER.check(d)[1], True)
    fixed = Document(once.after, document.source, document.format, document.metadata)
    again = fix_document(fixed, lambda d: CHECKER.check(d)[1], True)
    assert again.applied == 0, (once.after, again.after)


def main() -> None:
    atheris.Setup(sys.argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
