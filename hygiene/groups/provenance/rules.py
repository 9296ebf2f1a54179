"""The ``provenance`` group (PV): who said each quotation, and where the text came from."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import regex

from hygiene.core.rule import Hit, RuleContext, rule
from hygiene.core.segment import Segment
from hygiene.groups.provenance.sources import provenance_in

_SHA256 = regex.compile(r"[0-9a-fA-F]{64}")
_LANG = regex.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


@rule("PV001", "provenance.unattributed-quote", severity="warning", scope="document", revision=2)
def unattributed_quote(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A direct quotation with no speaker: no speech verb or source around it.

    Why: A quotation nobody said cannot be checked, corrected or answered. Speakers are
    looked for after the quote (``," said Tillerson``), before it in its sentence (``Kelly
    emphasized there will be "..."``, ``according to X``), in a sentence ending with a
    colon, an interview label (``Q:``), and in the previous quotation of the paragraph.
    Where no verb of saying is known, the shape of the sentence still tells: a short
    clause after the quote (``„…“, ütles minister.``), words before a colon, a credit line
    under it (``— Thomas Jefferson``). Only speech needs a speaker: a quotation with words
    of its sentence on either side is a term, a name, an interface string or a phrase
    under discussion (``select "Sign off"``, ``「コンテキスト」とは``), and so is one in a
    heading, a table, a link's text, one holding code, a short one, or a title.

    Fix: Name the speaker and the verb: ``"...," the minister said.``

    Bad:
        "We will not pay for the wall, and we never said we would."

    Good:
        "We will not pay for the wall," Videgaray said.
    """
    for quote in provenance_in(ctx).quotations:
        if quote.kind == "quote" and quote.attribution == "none":
            yield Hit(quote.quotation.start, quote.quotation.end, "quotation without a speaker")


@rule("PV002", "provenance.anonymous-source", severity="info", scope="document")
def anonymous_source(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A quotation or claim attributed to an unnamed source: an official, sources, media reports.

    Why: Anonymous sourcing is sometimes necessary, but a reader cannot weigh it, and an
    editor should know where a text relies on it. The source counts as anonymous when
    its description ends with such a noun (``A U.S. official said``, ``sources say``,
    ``media reports``), in any of the speech lexicon's languages.

    Fix: Name the source where possible; otherwise say why it cannot be named.

    Bad:
        A U.S. official said it is "important to view this with a very long lens."

    Good:
        Shannon O'Neil said it is "important to view this with a very long lens."
    """
    found = provenance_in(ctx)
    for quote in found.quotations:
        if quote.attribution == "anonymous" and quote.speaker_span and not quote.carried:
            start, end = quote.speaker_span
            yield Hit(start, end, f"quotation attributed to an anonymous source '{quote.speaker}'")
    for start, end in found.vague:
        yield Hit(start, end, "claim attributed to an anonymous source")


@rule("PV003", "provenance.unbalanced-quote", severity="warning", scope="document", revision=2)
def unbalanced_quote(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A quotation mark that never closes, or closes a quotation that never opened.

    Why: An unbalanced mark makes it impossible to tell where a quotation ends, so what
    the speaker said and what the writer says run together. A quotation that runs over
    several paragraphs reopens each of them and closes once, or (verse, a quotation split
    by markup) closes in the next one; that is not unbalanced. Apostrophes are not marks:
    a possessive after code (```x`'s``), a suffix after a closing mark (Korean ``"기억"을``,
    Turkish ``'GitHub'da``), wiki ``''emphasis''``; nor is a separator (``Settings ›
    Pages``). An opening mark typed where the closing one belongs (``“word“``) is reported
    once, where it stands.

    Fix: Add the missing mark, or delete the stray one.

    Bad:
        He said “we will never pay for it. The talks ended.

    Good:
        He said “we will never pay for it.” The talks ended.
    """
    for stray in provenance_in(ctx).strays:
        what = "never closes" if stray.opened else "closes nothing"
        if stray.instead_of:
            what = f"closes a quotation: write {stray.instead_of}"
        yield Hit(
            stray.offset, stray.offset + len(stray.mark), f"quotation mark {stray.mark} {what}"
        )


def _field_line(ctx: RuleContext, key: str) -> tuple[int, int]:
    """Where a metadata field is written (its front matter line), else the first line."""
    text = ctx.written.text  # the front matter, which prose rules read blanked
    match = regex.search(rf"(?m)^{regex.escape(key)}\s*[:=].*$", text[: ctx.written.body_start])
    if match:
        return match.span()
    first = text.find("\n")
    return 0, len(text) if first == -1 else first


@rule(
    "PV004",
    "provenance.missing-source-field",
    severity="warning",
    scope="document",
    options={"require": ["source", "license"]},
    enabled_by_default=False,
)
def missing_source_field(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A source field the configuration requires is missing from the document's metadata.

    Why: A corpus or a site that must license and cite its texts needs each document to
    say where it came from. Opt-in (``extend-select = ["PV004"]``); the fields default to
    ``source`` and ``license``, and the ``require`` option sets them
    (``[tool.hygiene.rules."provenance.missing-source-field"] require = ["url", "date"]``).
    Fields come from front matter and from JSON Lines records.

    Fix: Add the field to the front matter or the record.

    Bad:
        ---
        title: Tillerson in Mexico
        ---
        The talks ended on Thursday.

    Good:
        ---
        title: Tillerson in Mexico
        source: https://www.voanews.com/
        license: public-domain
        ---
        The talks ended on Thursday.
    """
    metadata = ctx.document.metadata
    for key in ctx.options["require"]:
        if metadata.get(key) in (None, "", []):
            start, end = _field_line(ctx, key)
            yield Hit(start, end, f"required source field '{key}' is missing")


# Dates as common site generators write them (Hugo, Jekyll, the react.dev blog), beside
# ISO 8601, which is always accepted. Day-first and month-first numeric dates are not:
# 03/02/2017 is two different days.
SITE_DATE_FORMATS = (
    "%Y/%m/%d", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M %z", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y",
)  # fmt: skip


def _is_date(text: str, formats: Sequence[str]) -> bool:
    try:
        (datetime if "T" in text or " " in text else date).fromisoformat(text)
        return True
    except ValueError:
        pass
    for form in formats:
        try:
            datetime.strptime(text, form)
            return True
        except ValueError:
            continue
    return False


def _malformed(key: str, value: object, options: Mapping[str, Any]) -> str | None:
    """Why a source field's value is not what its name promises, or None."""
    if key == "url":
        text = str(value)
        if options["relative-urls"] and text.startswith("/") and not text.startswith("//"):
            return None  # a page of the same site: /guide/install/
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or "." not in parts.netloc:
            return "not an http(s) URL with a host"
    elif key == "date":
        if isinstance(value, date | datetime):
            return None
        if not _is_date(str(value).strip(), options["date-formats"]):
            return "not a date in ISO 8601 or the date-formats option"
    elif key == "sha256":
        if not _SHA256.fullmatch(str(value)):
            return "not 64 hexadecimal digits"
    elif key == "lang":
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) and _LANG.fullmatch(v) for v in values):
            return "not a language tag"
    return None


@rule(
    "PV005",
    "provenance.malformed-source-field",
    severity="warning",
    scope="document",
    options={"date-formats": list(SITE_DATE_FORMATS), "relative-urls": True},
    revision=2,
)
def malformed_source_field(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A source field whose value does not parse: a URL without a host, a date in no
    accepted format, a sha256 that is not 64 hex digits, a language that is not a tag.

    Why: Provenance that cannot be parsed cannot be checked or joined with other data,
    and a malformed URL or date usually means a field was filled from the wrong column.
    Dates are accepted in ISO 8601 and in the ``date-formats`` option (``strptime``
    formats; by default those of common site generators: ``2020/12/21``, ``2017-02-23
    10:00:00 +0100``, ``23 Feb 2017``, ``February 23, 2017``); a site-relative URL
    (``/guide/install/``) is accepted unless ``relative-urls = false``.

    Fix: Write the value in its standard form: ``https://host/path``, ``2017-02-23``.

    Bad:
        ---
        url: voanews.com/a/tillerson-mexico
        date: 23/02/2017
        ---
        The talks ended on Thursday.

    Good:
        ---
        url: https://www.voanews.com/a/tillerson-mexico
        date: 2017-02-23
        ---
        The talks ended on Thursday.
    """
    for key, value in sorted(provenance_in(ctx).sources.items()):
        problem = _malformed(key, value, ctx.options)
        if problem is not None:
            start, end = _field_line(ctx, key)
            yield Hit(start, end, f"source field '{key}' is {problem}: {value!r}")


@rule("PV006", "provenance.hash-mismatch", severity="error", scope="document")
def hash_mismatch(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """The document declares a sha256 that matches neither its text nor its bytes.

    Why: A declared content hash is a promise that the text is the one that was
    collected; a mismatch means it was edited, truncated or mixed up with another
    record since. The hash is compared with the UTF-8 of the text after front matter
    (a JSON Lines record's text field) and with the file's bytes.

    Fix: Find out what changed; recompute the hash only if the change was intended.

    Bad:
        ---
        sha256: 0000000000000000000000000000000000000000000000000000000000000000
        ---
        The talks ended on Thursday.

    Good:
        The talks ended on Thursday.
    """
    declared = ctx.document.metadata.get("sha256")
    if not isinstance(declared, str) or not _SHA256.fullmatch(declared):
        return
    body = ctx.written.text[ctx.written.body_start :]
    actual = hashlib.sha256(body.encode("utf-8")).hexdigest()
    if declared.lower() not in (actual, ctx.document.source.sha256):
        start, end = _field_line(ctx, "sha256")
        yield Hit(
            start, end, f"declared sha256 {declared[:12]}… does not match the text ({actual[:12]}…)"
        )


RULES = (
    unattributed_quote,
    anonymous_source,
    unbalanced_quote,
    missing_source_field,
    malformed_source_field,
    hash_mismatch,
)
