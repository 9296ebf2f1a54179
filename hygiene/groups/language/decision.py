"""How LG003's evidence decides whether a segment strays: labels and language names first,
then letters the document does not write, then, for a few words, what ``short_segments``
weighs, and for a sentence, its function words, the document's own words and the
identifier."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from hygiene.core.document import Document
from hygiene.core.segment import Segment
from hygiene.groups.language.evidence import (
    Candidate,
    code_terms,
    content_words,
    explained,
    foreign_guess,
    guessed_home,
    home_score,
    letters_of,
    listed_function_words,
    odd_letters,
    prose_words,
    used_elsewhere,
)
from hygiene.groups.language.grounds import Grounds, Limits, Verdict, contradicted, identified
from hygiene.groups.language.identifier import (
    IDENTIFIERS,
    guess_from_scores,
    language_name,
    stopword_scores,
)
from hygiene.groups.language.kinship import foreign, same_language
from hygiene.groups.language.placement import heading
from hygiene.groups.language.quotations import framed_quotation
from hygiene.groups.language.runs import Stray, hardly_voted, paragraph_votes, sure_strays
from hygiene.groups.language.short_segments import (
    common_at_home,
    labelled,
    short_stray,
    spoken_anywhere,
)
from hygiene.groups.language.vocabulary import has_list, knows
from hygiene.groups.lexicon import (
    label_languages,
    language_scripts,
    name_languages,
    words_as_written,
)
from hygiene.text.scripts import main_script

# A sentence's function words name its language when they are a tenth of its words, below
# the 0.15 a whole document's ask (``guess_by_stopwords``): a leftover sentence is short, and
# its names and terms are no function words of any language.
FUNCTION_WORD_SHARE = 0.1
# Where function words name no language, the document's own still lead clearly when they
# are this share of the sentence's words, about what they make of ordinary prose...
HOME_FUNCTION_WORDS = 0.3
# ...or when the best foreign language's score under this share of theirs: a rival within a
# fifth of them is a close language sharing its function words (Spanish and Portuguese).
RIVAL_FUNCTION_WORDS = 0.8
# Letters the document does not write mark a segment when they are in half of its words
# (``ھسپانوی``, Urdu): one Ukrainian name in a Russian sentence is one word of twelve.
ODD_WORD_SHARE = 0.5
# In Latin script, where names keep their letters (Kraków, Wałęsa), two words with them also
# will do (``Nke a abaghị adresị IPv6 zuru oke``, Igbo, in a Spanish page).
LATIN_ODD_WORDS = 2


def uniform(
    groups: Sequence[Sequence[Candidate]],
    counts: Counter[str],
    own: Callable[[], frozenset[str]],
    limits: Limits,
    document: Document,
) -> bool:
    """Whether no candidate could stray: no interface label, no short text that neither
    function words nor the rest of the document explain, and the function words of every
    longer paragraph lead in one language. Spares a language model for most documents."""
    leaders: set[str] = set()
    short: list[Candidate] = []
    for piece in (c for group in groups for c in group):
        tokens, candidate = piece.tokens, piece.segment
        if len(tokens) <= limits.max_label_words:
            if label_languages(candidate.text):
                return False
            if not heading(candidate, document):
                short.append(piece)
            continue
        if len(tokens) < limits.min_words:
            continue
        scores = piece.scores
        if not scores:
            return False  # a language without function words on file: ask the model
        leaders.add(max(sorted(scores), key=lambda code: scores[code]))
    codes = sorted(leaders)
    if not all(same_language(codes[0], code) for code in codes[1:]):
        return False
    if any(not explained(piece, counts, codes) for piece in short):
        return False
    # Letters the leading language does not write (ъ in a Ukrainian page) need a judge.
    return not any(
        odd_letters(c.segment.text, tuple(codes), own) for group in groups for c in group
    )


def judge(piece: Candidate, grounds: Grounds, is_heading: bool) -> Verdict | None:
    """The language and evidence of a leftover, or None when the text belongs."""
    text = piece.segment.text
    home, limits = grounds.home, grounds.limits
    tokens, scores = prose_words(piece)
    if not tokens:
        return None
    if len(tokens) <= limits.max_label_words:
        # A label first; a language's name is looked up only for a text that is none.
        for lookup, kind in ((label_languages, "interface label"),
                             (name_languages, "name of a language")):  # fmt: skip
            labels = lookup(text)
            if labels:
                if not all(foreign(code, home) for code in labels):
                    return None
                if kind == "interface label" and _written_at_home(tokens, home, labels):
                    break  # no evidence: the document's language writes these words as often
                if kind == "name of a language" and guessed_home(text, home, grounds.identifier):
                    return None  # Finlandais: French too, whatever Romansh calls Finnish
                return labelled(labels, kind)
    if framed_quotation(text, home):
        return None
    odd = odd_letters(text, home, grounds.own)
    if odd and not is_heading:
        found = _by_letters(text, odd, grounds)
        if found is not None:
            return found
    if len(tokens) <= limits.max_label_words:
        return None if is_heading else short_stray(text, tokens, grounds)
    if len(tokens) < limits.min_words:
        return None
    return _stray_sentence(text, tokens, scores, grounds)


def unknown_home_strays(
    paragraphs: Sequence[Segment],
    groups: Sequence[Sequence[Candidate]],
    grounds: Grounds,
    aside: Callable[[Segment], bool],
) -> list[Stray]:
    """In a document whose language the identifier does not know (``grounds.home``: the
    languages declared, if any), the paragraphs it is sure are in a language the others
    hardly vote for (``sure_strays``), and the first line of a few words of each paragraph
    whose language shows without the document's (``spoken_anywhere``), in such a language
    too; not a title or list items (``aside``)."""
    votes = paragraph_votes(paragraphs, grounds.identifier, grounds.limits)
    found = sure_strays(paragraphs, votes, grounds.identifier, grounds.limits)
    abroad = partial(hardly_voted, votes=votes, limits=grounds.limits)
    for position, group in enumerate(groups):
        for piece in group:
            tokens, _ = prose_words(piece)
            if not tokens or len(tokens) > grounds.limits.max_label_words:
                continue
            if aside(piece.segment):
                continue
            verdict = spoken_anywhere(piece.segment.text, tokens, grounds, abroad)
            if verdict is not None:
                found.append(Stray(position, piece.segment, verdict))
                break
    return found


def _written_at_home(tokens: list[str], home: tuple[str, ...], labels: Iterable[str]) -> bool:
    """Whether a label's words are common words of the document's language, about as common
    as in the languages whose catalogues write the label: ``Modifica`` is Catalan as well
    as Italian, ``Buscar`` Spanish as well as Portuguese."""
    return any(
        all(common_at_home(code, tokens, label) for label in labels)
        for code in home
        if has_list(code)
    )


def _stray_sentence(
    text: str, tokens: list[str], scores: dict[str, float], grounds: Grounds
) -> Verdict | None:
    """A sentence whose function words do not lead in the document's language, whose other
    words the rest of the document does not share, that the identifier places elsewhere, and
    whose function words do not contradict the identifier."""
    home, limits = grounds.home, grounds.limits
    by_words = guess_from_scores(scores, len(tokens), min_share=FUNCTION_WORD_SHARE)
    if by_words is not None and not foreign(by_words.language, home):
        return None
    if by_words is None:
        ours = home_score(scores, home)
        theirs = max((score for code, score in scores.items() if foreign(code, home)), default=0)
        if ours and (
            ours >= HOME_FUNCTION_WORDS * len(tokens) or theirs < RIVAL_FUNCTION_WORDS * ours
        ):
            return None  # the document's own function words lead clearly: it belongs
    terms = code_terms(text)
    content = content_words(tokens, terms)
    if content:
        shared = len(used_elsewhere(content, grounds.counts))
        if shared >= limits.shared_words * len(content):
            return None  # it speaks of what the rest of the document speaks of
    confirmed = identified(text, limits.min_confidence, grounds)
    if confirmed is None or contradicted(text, grounds):
        return None
    if _home_vocabulary(text, content, home, confirmed.language):
        return None  # its words are the document's language's, whatever the identifier says
    if any(same_language(confirmed.language, code) for code in grounds.contenders):
        return None  # the document may as well be in that language, as far as fastText can tell
    # An identifier is sure of itself even when wrong on a short sentence (langdetect calls
    # short Swedish Norwegian): where the function words know its language, they must agree.
    # When they fit both languages equally ("i", "en": Swedish or Spanish; "для": Russian or
    # Ukrainian), only a confident identifier overrules the document.
    # Code terms (True, None) are in English's list; they are no English function words here.
    agreeing = stopword_scores(token for token in tokens if token not in terms)
    theirs = max(
        (v for code, v in agreeing.items() if same_language(code, confirmed.language)),
        default=0.0,
    )
    ours = home_score(agreeing, home)
    if not any(same_language(code, confirmed.language) for code in listed_function_words()):
        # Welsh has no list to agree with: a few of the document's function words ("y" is
        # Spanish) stand against the identifier only when it is not sure.
        if ours and confirmed.confidence < limits.unlisted_confidence:
            return None
    elif ours > theirs or (
        ours and ours == theirs and confirmed.confidence < limits.tie_confidence
    ):
        return None
    evidence = f"{confirmed.evidence} {confirmed.confidence:.2f}"
    if by_words is not None:
        evidence = f"function words and {evidence}"
    return confirmed.language, evidence


def _home_vocabulary(text: str, content: list[str], home: tuple[str, ...], other: str) -> bool:
    """Whether at least half of a sentence's content words, names left aside, are common
    words of the document's language and none of them the identifier's language's alone:
    fastText's compact model calls ``Modere as conversas no Slack.`` English."""
    if not has_list(other) or not all(has_list(code) for code in home):
        return False
    written = words_as_written(text)
    names = {word.casefold() for word in written[1:] if word[:1].isupper()}
    plain = [word for word in content if word not in names]
    known = [(any(knows(code, word) for code in home), knows(other, word)) for word in plain]
    ours = sum(at_home and not there for at_home, there in known)
    theirs = sum(there and not at_home for at_home, there in known)
    return bool(plain) and 2 * ours >= len(plain) and not theirs


def _by_letters(text: str, odd: str, grounds: Grounds) -> Verdict | None:
    """A segment that writes letters the document's language has not: another language, when
    the identifier's best guess is one (and named when that language writes those letters),
    or when they are in half of its words. Latin script asks more, as names keep their
    letters in any Latin-script text (Kraków, José): two words with them or half, one of
    them lower-case (no name), and the identifier's best guess foreign."""
    home = grounds.home
    names = " or ".join(language_name(code) for code in home)
    identifier = IDENTIFIERS[grounds.identifier.name]
    written = [w for w in words_as_written(text) if w.isalpha() and not w.isascii()]
    odd_words = [w for w in written if any(letter in w.lower() for letter in odd)]
    many = bool(written) and (len(odd_words) >= ODD_WORD_SHARE * len(written))
    latin = all(main_script(letter) == "Latin" for letter in odd)
    if latin and (
        not (many or len(odd_words) >= LATIN_ODD_WORDS) or all(w[0].isupper() for w in odd_words)
    ):
        return None
    guess = foreign_guess(text, home, grounds.identifier)
    if guess is not None:
        language = guess.language if _writes(guess.language, odd) else None
        return language, (f"{', '.join(odd)}: no {names} letter; {identifier}'s guess"
                          f" {language_name(guess.language)} {guess.confidence:.2f}")  # fmt: skip
    if many and not latin:
        evidence = f"{', '.join(odd)}: no {names} letter, in {len(odd_words)} of its words"
        return _sole_writer(odd), evidence
    return None


def _sole_writer(odd: str) -> str | None:
    """The one language CLDR has write the scripts of ``odd`` (kana: Japanese; Hangul:
    Korean), or None where several do (Cyrillic)."""
    scripts = {main_script(letter) for letter in odd}
    writers = [code for code, written in language_scripts().items() if scripts <= written]
    return writers[0] if len(writers) == 1 else None


def _writes(language: str, odd: str) -> bool:
    """Whether ``language`` writes ``odd``: its letters on file hold them, or they are of
    another script CLDR has it write (the kana of Japanese, whose letters on file are the
    kanji of its common words). A language with no letters on file may write them."""
    letters = letters_of(language)
    if letters is None:
        return True
    scripts = language_scripts().get(language.split("-")[0], frozenset())
    return all(
        c in letters[0] or ((script := main_script(c)) in scripts and script != letters[1])
        for c in odd
    )
