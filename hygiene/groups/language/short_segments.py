"""How LG003 decides on a few words, where a language identifier is weakest: function
words, the labels localisation catalogues write, word lists, and the identifier checked
against them."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import regex

from hygiene.groups.language.evidence import foreign_guess, home_probability, unexplained
from hygiene.groups.language.grounds import (
    NOT_CONSIDERED,
    Grounds,
    Verdict,
    contradicted,
    identified,
)
from hygiene.groups.language.identifier import (
    IDENTIFIERS,
    cld2_language,
    guess_from_scores,
    language_name,
    stopword_scores,
)
from hygiene.groups.language.kinship import foreign, same_language, written_in
from hygiene.groups.language.quotations import QUOTED
from hygiene.groups.language.vocabulary import (
    has_full_list,
    has_list,
    international_words,
    knows,
    knows_all,
    knows_any,
    uses_any,
    writes_most,
    zipf,
)
from hygiene.groups.lexicon import (
    interface_languages,
    label_languages,
    stopword_languages,
    words_as_written,
)
from hygiene.text.phrases import UNSPACED
from hygiene.text.scripts import main_script

# A word leans to a language's labels when its catalogues write it this much more than
# its prose does (interface-words.json's scores, 1 to 9: log2 of the ratio): eight times.
LABEL_WORD = 3
# A label word of more languages' catalogues than this is a name they all keep (Django:
# 54), not a word each translates (Add: 2, Edit: 3, Image: 5).
TRANSLATED_IN = 5
# A word common at home is no evidence of another language unless it is this much more
# common there, on the Zipf scale (log10): ten times.
RARER_AT_HOME = 1.0
# A few words are another language's when its function words are half of them.
SHORT_FUNCTION_WORDS = 0.5
# A word with a capital inside it is a term, not a word of a language: mDNS, ShiftCtrlAltR.
_INNER_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}")


def short_stray(text: str, tokens: list[str], grounds: Grounds) -> Verdict | None:
    """A few words that stray, unless the language named is one the identifier confuses
    with the document's on its own paragraphs (``rival-support``): Spanish on a Galician
    page's ``Contacto``, Hindi on a Marathi one's ``सूचि``."""
    verdict = _short_verdict(text, tokens, grounds)
    language = verdict[0] if verdict is not None else None
    if language is not None and any(same_language(language, rival) for rival in grounds.rivals):
        return None
    return verdict


def _short_verdict(text: str, tokens: list[str], grounds: Grounds) -> Verdict | None:
    """A few words that are not an interface label: foreign only when none of them is a
    function word of the document's language or a word the rest of it uses, and they are
    not all common words of it; then, in this order, when they are another language's
    function words, its label words, what fastText and CLD2 agree on, not names, what the
    identifier is sure of, or what the word lists show is not the document's, words of many
    languages aside (``telling_words``; ``_named_by_vocabulary``, ``_ruled_out``), or what
    CLD2 reads where fastText cannot (``_read_whole``)."""
    if all(len(token) < 2 for token in tokens):
        return None  # letters alone are no words: an emoticon's D, a list's a)
    home = grounds.home
    guess = foreign_guess(text, home, grounds.identifier)
    guessed = guess.language if guess is not None else None
    if not unexplained(tokens, grounds.counts, home, guessed) or QUOTED.search(text):
        return None  # the document's words, or a quotation (« Bonjour ! » dit-il.)
    # Latin in a page whose language CLDR does not write in Latin: its word lists, from web
    # text that quotes English (``file`` is in Korean's), say nothing of these words.
    script = main_script(text)
    listed = [code for code in home if has_list(code) and written_in(code, script)]
    if any(common_at_home(code, tokens, guessed) for code in listed):
        return None  # common words of the document's language: Koreai in a Hungarian page
    spoken = _by_function_words(text, tokens, grounds) or _interface_label(text, tokens, grounds)
    if spoken is not None:
        return spoken
    agreed = _agreed(text, tokens, guessed, grounds)
    if agreed is not None:
        return agreed
    if international_words().issuperset(tokens):
        return None  # names and international words: Khmer, hindi
    confirmed = identified(text, grounds.limits.short_confidence, grounds)
    if (
        confirmed is not None
        and _spoken(confirmed.language, tokens)
        and not contradicted(text, grounds)
    ):
        return confirmed.language, f"{confirmed.evidence} {confirmed.confidence:.2f}"
    telling = telling_words(tokens, home)
    abroad = _abroad(script, home)
    if (not abroad and len(listed) < len(home)) or any(knows_any(code, telling) for code in listed):
        return None  # some word is the document's, or one of its languages has no list
    if len(telling) < len(tokens) and _named(text, guessed):
        return None  # an international word set aside is often a first name: Ada Lovelace
    if UNSPACED.search(text):
        return None  # no spaces, no words to look up: 豆知識 is one token, and Japanese
    return (
        _named_by_vocabulary(text, tokens, grounds)
        or _ruled_out(text, tokens, grounds, script)
        or _read_whole(text, telling, grounds)
    )


def _read_whole(text: str, telling: list[str], grounds: Grounds) -> Verdict | None:
    """Two words or more, none of which the document's language uses, not even rarely where
    its full list can say, that fastText all but rules out for it and CLD2, which reads
    whole words of a larger vocabulary, places in another language, unless they are all
    capitalised as a name's are: fastText's compact model often has no feature to go on in
    a few words, and gives its prior (``Tecla Esc``, Portuguese, in a Danish page). A word
    alone is too often a name, a term or a compound no list holds (``singlehtml``).
    ``telling``: the words as ``telling_words`` keeps them."""
    written = [word for word in words_as_written(text) if not _INNER_CAPITAL.search(word)]
    if grounds.identifier.name != "fasttext" or len(written) < 2:
        return None  # a word alone, or beside terms (iSCSI, Samba)
    if not _home_ruled_out(text, grounds):
        return None
    full = [code for code in grounds.home if has_full_list(code)]
    if any(uses_any(code, telling) for code in full):
        return None  # a rare word of the document's language (Zipf 1 and up)
    second = cld2_language(text)
    if second is None or not foreign(second, grounds.home) or _named(text, second):
        return None
    return second, f"CLD2: {language_name(second)}"


def spoken_anywhere(
    text: str, tokens: list[str], grounds: Grounds, abroad: Callable[[str], bool]
) -> Verdict | None:
    """A few words whose language shows without the document's, where the identifier does
    not know that (``grounds.home``: the languages declared, if any): an interface label,
    half of them function words or label words of one language and the rest its words, or
    fastText and CLD2 agreeing on a language whose word list holds every one of them; none a
    word the rest of the document uses, and the language one the document is not in
    (``abroad``): ``Latest Activity`` in a Scottish Gaelic page."""
    home = grounds.home
    if not unexplained(tokens, grounds.counts, home, None):
        return None
    labels = label_languages(text)
    if labels:
        if not all(foreign(code, home) and abroad(code) for code in labels):
            return None
        return labelled(labels, "interface label")
    found = _by_function_words(text, tokens, grounds) or _interface_label(text, tokens, grounds)
    if found is None:
        # Two identifiers agreeing, where no word list of the document's language can rule
        # it out: every word must be the language's (``WordPress`` is English, ``Dipadegani
        # dening`` Javanese).
        guess = foreign_guess(text, home, grounds.identifier)
        if guess is not None and has_list(guess.language) and knows_all(guess.language, tokens):
            found = _agreed(text, tokens, guess.language, grounds)
    if found is None or found[0] is None or not has_list(found[0]):
        return None
    return found if foreign(found[0], home) and abroad(found[0]) else None


def labelled(languages: frozenset[str], kind: str) -> Verdict:
    """The verdict on a text a lexicon finds in ``languages`` (an interface label, the
    name of a language): the first of them, with all of them named as the evidence."""
    names = " or ".join(sorted(language_name(code) for code in languages))
    return sorted(languages)[0], f"{names} {kind}"


def _by_function_words(text: str, tokens: list[str], grounds: Grounds) -> Verdict | None:
    """A few words half of which are function words of one other language, all of them its
    words, that the identifier does not take for the document's language: ``could not be
    found`` in an Icelandic page. Words English writes everywhere are no evidence of a name
    when its grammar holds them together."""
    scores = stopword_scores(tokens)
    guess = guess_from_scores(scores, len(tokens), min_share=SHORT_FUNCTION_WORDS)
    if guess is None or not foreign(guess.language, grounds.home):
        return None
    if has_list(guess.language) and not knows_all(guess.language, tokens):
        return None
    if not _home_ruled_out(text, grounds):
        return None
    return guess.language, f"{language_name(guess.language)} function words {guess.confidence:.2f}"


def _interface_label(text: str, tokens: list[str], grounds: Grounds) -> Verdict | None:
    """A few words that localisation catalogues write in another language's labels, half of
    them at least and the rest words of it (``Add Link`` in a Czech page), none an interface
    word of the document's language, and that the identifier does not take for the
    document's language. Where several languages write them, the one the
    identifier finds likeliest."""
    home, index = grounds.home, interface_languages()
    found = [index.get(token, {}) for token in tokens]
    if any(not foreign(code, home) for languages in found for code in languages):
        return None  # an interface word of the document's language
    if len(found) == 1 and kept_as_name(found[0]):
        return None
    if not _home_ruled_out(text, grounds):
        return None
    scores = grounds.identifier.scores(text)
    writing = label_writers(tokens, found)
    if not writing:
        return None
    best = max(writing, key=lambda code: scores.get(code, 0.0))
    return best, f"{language_name(best)} interface words"


def kept_as_name(languages: Mapping[str, int]) -> bool:
    """Whether a word is a label word of more catalogues than ``TRANSLATED_IN`` (its entry
    of ``interface_languages``): a name they all keep (Django), not a word one translates."""
    return sum(score >= LABEL_WORD for score in languages.values()) > TRANSLATED_IN


def label_writers(tokens: list[str], found: list[Mapping[str, int]] | None = None) -> list[str]:
    """The languages whose localisation catalogues write a few words as a label: half of
    them at least are its label words, the rest words of it (``Add Link``, ``Edit
    Gallery``). ``found``: each token's entry of ``interface_languages``, when looked up."""
    if found is None:
        index = interface_languages()
        found = [index.get(token, {}) for token in tokens]
    return [
        code
        for code in sorted({code for languages in found for code in languages})
        if 2 * sum(languages.get(code, 0) >= LABEL_WORD for languages in found) >= len(tokens)
        and all(
            code in languages or _word_of(code, token)
            for languages, token in zip(found, tokens, strict=True)
        )
    ]


def _agreed(text: str, tokens: list[str], guessed: str | None, grounds: Grounds) -> Verdict | None:
    """A few words that fastText and CLD2 place in the same other language, one of them a
    word of it where its word list can say, and that fastText does not consider the
    document's: two identifiers that read text differently (character n-grams, whole
    words) are rarely wrong the same way."""
    if guessed is None or grounds.identifier.name != "fasttext" or _named(text, guessed):
        return None
    second = cld2_language(text)
    if second is None or not same_language(second, guessed) or not _spoken(guessed, tokens):
        return None
    if not _home_ruled_out(text, grounds):
        return None
    return guessed, f"fastText and CLD2: {language_name(guessed)}"


def common_at_home(language: str, tokens: list[str], guessed: str | None) -> bool:
    """Whether every word is a common word of the document's ``language``, and not ten
    times as common in the language the identifier (or a catalogue) ``guessed``: every web
    text's list holds English words (``register`` is 3.1 on the Zipf scale in Lithuanian,
    4.6 in English), while a loanword is about as common at home (``online``, 5.4 in
    German)."""
    for token in tokens:
        at_home = zipf(language, token)
        if at_home is None:
            return False
        there = zipf(guessed, token) if guessed is not None and has_list(guessed) else None
        if there is not None and there - at_home >= RARER_AT_HOME:
            return False
    return True


def telling_words(tokens: list[str], home: tuple[str, ...]) -> list[str]:
    """The words whose being in the document's word lists is a sign that they are its own:
    not names and international words, common in seven languages or more (``add``,
    ``rss``, ``id``), which every web text's list holds (``Add RSS Portlet`` in an
    Indonesian page), unless the document's language is the one that writes the word most
    (Icelandic ``loka``). A letter alone is kept: it is a function word (Slovak ``o``)."""
    common = international_words()
    return [
        token
        for token in tokens
        if len(token) < 2
        or token not in common
        or any(has_list(code) and writes_most(code, token) for code in home)
    ]


def _named(text: str, language: str | None) -> bool:
    """Whether a few words read as a name: every one capitalised and none a word the
    catalogues of ``language`` (if any) write in labels (``Bernard Francis Law``, where ``Add
    RSS Portlet`` is a label): two identifiers agree on a name's language as readily as on a
    label's."""
    written = [word for word in words_as_written(text) if word.isalpha()]
    if len(written) < 2 or not all(word[0].isupper() for word in written):
        return False
    if language is None:
        return True
    index = interface_languages()
    return not any(
        index.get(word.casefold(), {}).get(language, 0) >= LABEL_WORD for word in written
    )


def _home_ruled_out(text: str, grounds: Grounds) -> bool:
    """Whether the identifier gives the document's language at most ``max-home-probability``
    on ``text``."""
    scores = grounds.identifier.scores(text)
    return home_probability(scores, grounds.home) <= grounds.limits.max_home_probability


def _word_of(language: str, token: str) -> bool:
    """Whether ``token`` is a common word of ``language``, or a function word of it."""
    if has_list(language) and knows(language, token):
        return True
    return any(same_language(code, language) for code in stopword_languages().get(token, ()))


def _spoken(language: str, tokens: list[str]) -> bool:
    """Whether a few words the identifier calls ``language`` hold a word of it, where its
    word list can say: on a word or two the identifier is sure of itself and wrong (Polish
    ``Wydrukuj``, "print", called Dutch). Text written without spaces has no words to look
    up (a Japanese sentence is one token), so the list cannot say. A letter alone is no
    word of it (the ``a`` of a cell reference)."""
    if not has_list(language) or any(UNSPACED.search(token) for token in tokens):
        return True
    return knows_any(language, [token for token in tokens if len(token) > 1])


def _abroad(script: str | None, home: tuple[str, ...]) -> bool:
    """Whether none of the document's languages is written in ``script``."""
    return not any(written_in(code, script) for code in home)


def _ruled_out(
    text: str, tokens: list[str], grounds: Grounds, script: str | None
) -> Verdict | None:
    """A few words that are no words of the document's language at all, not even rare ones
    (its full list, Zipf 1 and up), and that the identifier does not consider the document's
    language: not the document's, though which language they are in is unsure (``Pwnjabi``
    in a Finnish page; the identifier's best guess, often English, is only a guess). Only for
    languages with a full list: a small list misses the rare words of the document's own
    language (``Bengalce`` is Turkish). Where the document's language is not written in the
    words' script, the script rules it out, and only names and terms are left alone
    (``Rhagolwg``, Welsh, in a Greek page, not ``mDNS``). ``script``: the words' own."""
    home = grounds.home
    full = [code for code in home if has_full_list(code) and written_in(code, script)]
    # Word lists keep a compound's parts, not the compound: Cross-references is two words.
    parts = [part for token in tokens if "-" in token for part in token.split("-") if part]
    telling = telling_words(tokens + parts, home)
    # Stricter than _short_verdict's test: the words' script must also not be the page's
    # main one (a page mostly in English, with Gujarati in a few lines, writes Latin).
    script_rules_out = script != grounds.script and _abroad(script, home)
    if not script_rules_out and (
        len(full) < len(home) or any(uses_any(code, telling) for code in full)
    ):
        return None
    guess = foreign_guess(text, home, grounds.identifier)
    at_home = home_probability(grounds.identifier.scores(text), home)
    if guess is None or at_home >= NOT_CONSIDERED:
        return None
    if guess.confidence < grounds.limits.min_odds * NOT_CONSIDERED:
        return None
    if script_rules_out and (_named(text, guess.language) or _INNER_CAPITAL.search(text)):
        return None  # a name or a term (mDNS, ShiftPrint), in a page of another script
    names = " or ".join(language_name(code) for code in (home if script_rules_out else full))
    guessed = f"{language_name(guess.language)} {guess.confidence:.2f}"
    return None, f"no {names} word; {guess.evidence}'s guess: {guessed}"


def _named_by_vocabulary(text: str, tokens: list[str], grounds: Grounds) -> Verdict | None:
    """The language of a few words none of which the document's language uses commonly: the
    identifier must all but rule the document's language out, and one of its best foreign
    guesses must use every word commonly. The identifier alone is not sure enough of two
    words; the vocabulary alone cannot tell which of the languages that use a word the
    segment is in."""
    home, limits = grounds.home, grounds.limits
    if not _home_ruled_out(text, grounds):
        return None
    scores = grounds.identifier.scores(text)
    ranked = sorted((c for c in scores if foreign(c, home)), key=lambda c: (-scores[c], c))
    for code in ranked[: limits.vocabulary_guesses]:
        if has_list(code) and knows_all(code, tokens):
            identifier = IDENTIFIERS[grounds.identifier.name]
            return code, f"common {language_name(code)} words, {identifier} {scores[code]:.2f}"
    return None
