"""LG002: a document whose text is not in the language it declares."""

from __future__ import annotations

from collections.abc import Iterator

from hygiene.core.rule import Hit, RuleContext, rule
from hygiene.core.segment import Segment, first_body_line
from hygiene.groups.language.evidence import majority_language
from hygiene.groups.language.identifier import (
    SAMPLE,
    identifier_for,
    language_name,
    text_language,
)
from hygiene.groups.language.kinship import foreign, same_language, written_as, written_in
from hygiene.groups.language.placement import LANGUAGE_SCOPES, prose_paragraphs
from hygiene.groups.lexicon import words
from hygiene.text.scripts import main_script


@rule(
    "LG002",
    "language.declared-mismatch",
    severity="warning",
    scope="document",
    scopes=LANGUAGE_SCOPES,
    options={"min-words": 20, "min-confidence": 0.9},
)
def declared_mismatch(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A document whose text is not in the language its configuration or front matter declares.

    Why: A Russian text under content/uk/, or an English page left untranslated in a French
    localisation, is shipped to the wrong readers and filed under the wrong language in a
    corpus. The language is declared by ``[tool.hygiene.languages]`` globs or a ``lang`` or
    ``language`` field of the front matter; the text's language comes from its function words,
    or the language identifier (fastText, or langdetect) when they cannot tell. Only texts
    of ``min-words`` words or more are judged, and only a detection of ``min-confidence`` or
    more, of a language written in the text's script that most paragraphs are in too, is
    reported; a declared language the identifier cannot name (Western Armenian for fastText)
    is not judged.

    Fix: Translate the text, move it where it belongs, or correct the declaration.

    Bad:
        ---
        lang: fr
        ---
        The talks ended without an agreement, and the two sides said that they would meet
        again next month to discuss the border and the trade between their countries.

    Good:
        ---
        lang: fr
        ---
        Les discussions se sont terminées sans accord, et les deux parties ont dit qu'elles
        se retrouveraient le mois prochain pour parler de la frontière et du commerce.
    """
    declared = ctx.declared_languages
    document = ctx.document
    identifier = identifier_for(ctx)
    if not declared or not any(identifier.knows(code) for code in declared):
        return  # nothing declared, or nothing the identifier could tell from another
    paragraphs = prose_paragraphs(ctx)  # no code, no mojibake (a codec's letters)
    body = " ".join(paragraph.text for paragraph in paragraphs)
    if len(words(body)) < int(ctx.options["min-words"]):
        return
    guess = text_language(body[:SAMPLE], identifier)
    if guess is None or guess.confidence < float(ctx.options["min-confidence"]):
        return
    language = guess.language
    if not foreign(language, declared) or not written_in(language, main_script(body)):
        return
    if not written_as(language, body, declared):
        return  # function words read into kanji (年, 月) are no Chinese
    majority = majority_language(paragraphs, identifier)
    if majority is None or not same_language(majority.language, language):
        return  # a long stray at the top, not a page in another language
    yield Hit(
        *first_body_line(segment.text, document.body_start),
        f"declared {', '.join(declared)}, but the text reads as {language_name(guess.language)}"
        f" ({guess.evidence} {guess.confidence:.2f})",
    )
