"""The ``language`` group (LG): text in another language or script than the document's.

LG001 reads scripts (its analysis in ``script_blocks``); LG003 measures each segment
(``evidence``) and lets the evidence decide (``decision``); here are the rules themselves,
their documentation and the hits they yield (LG002, a page against its declared language,
in ``declared``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, partial

from hygiene.core.rule import Hit, RuleContext, rule
from hygiene.core.segment import Segment
from hygiene.groups.language.decision import judge, uniform, unknown_home_strays
from hygiene.groups.language.declared import declared_mismatch
from hygiene.groups.language.evidence import (
    Candidate,
    candidates,
    document_letters,
    document_words,
)
from hygiene.groups.language.grounds import Grounds, Limits
from hygiene.groups.language.home import document_home, named_rightly
from hygiene.groups.language.identifier import (
    SAMPLE,
    identifier_for,
)
from hygiene.groups.language.placement import (
    LANGUAGE_SCOPES,
    aside,
    heading,
    inside_element,
    listed_terms,
    prose_paragraphs,
    running_text,
    skipped,
    titled_scripts,
    words_abroad,
)
from hygiene.groups.language.quotations import cited_quotation
from hygiene.groups.language.runs import Stray, run_hit, stray_runs
from hygiene.groups.language.script_blocks import (
    HOME_SHARE,
    LINE_SHARE,
    block_hit,
    evidence_totals,
    home_scripts,
    latin_abroad,
    latin_names,
    letters_per_line,
    minority_blocks,
    script_totals,
    translated_terms,
)
from hygiene.groups.lexicon import label_languages
from hygiene.text.scripts import WRITTEN_TOGETHER, hosted, main_script

# A stray needs a document to stray from: a single paragraph is the whole of it.
MIN_PARAGRAPHS = 2


@rule(
    "LG001",
    "language.foreign-script",
    severity="warning",
    scope="document",
    scopes=LANGUAGE_SCOPES,
    options={"min-letters": 3, "home-share": HOME_SHARE, "line-share": LINE_SHARE},
)
def foreign_script(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A line written in a script that the rest of the document does not use.

    Why: A scraper that keeps a label from the page around an article, or an editor who pastes
    from another edition, leaves lines that no reader of the document can read and that poison a
    corpus sorted by language. A whole line in a foreign script is the cheapest and most certain
    sign of it. Reported: a line, or a block of consecutive lines, whose letters are mostly
    (``line-share``) in a minority script that makes up less than ``home-share`` of the letters
    elsewhere in the document, with at least ``min-letters`` letters; the document's own script
    is the one that holds half its letters on a third of its lines, or leads two thirds of its
    lines (a paragraph left in another language may hold more letters than a page of short
    lines); a line that is an interface label of the lexicon (68 languages) is reported in any
    minority script and however short. A word or name in another script inside a sentence is not
    reported, nor are scripts one language writes together (Japanese Kanji, Hiragana and
    Katakana; Korean Hangul and Hanja; but kana only in a page that writes them on another line,
    Hangul likewise: a Japanese line in a Chinese page is a leftover), nor a Latin line that
    holds a word of the document's main script: Latin is the script of code terms and names
    everywhere, and a translator who keeps them writes the rest in the document's own words
    (``boolean (True, False 또는 None)``). For the same reason a Latin line is language, not
    names, only when its function words show a language, or when most of its words after the first
    are in lower case as a language writes them (``Positive integer``; names and terms are
    capitalised, ``Other Hooks``), or when it is a label the localisation catalogues write, opening
    with a word they translate (``Edit Gallery``; ``rules/lexicons/interface-words.json``) or,
    alone, one of the words they write most (``Settings``, not ``React``), outside
    Markdown titles and the content of a component (``<ConsoleBlock>``); a page's title is no
    scraper's label at its edge (``# HTTP Basic Auth``). Nor are these reported: lines in the script
    of the front-matter title (``title: React 모임``), lists of terms (a few words an item, more if
    all capitalised), series of names (``Io, Europa, Ganymede``), quotations standing whole or
    naming their speaker after a dash (LG003 weighs a line of names alone between paragraphs as
    words). Addresses are no text (``http://www.my-bank.com`` in a Korean sentence does not make
    Latin at home). Mojibake is not read: its letters are a codec's, and the encoding rules
    report it. The language a finding names is one CLDR writes in the line's script
    (``rules/lexicons/language-scripts.json``); where the evidence points to another (function
    words read into Han), the finding names none.

    Fix: Delete the stray line, or translate it if it belongs to the text.

    Bad:
        The talks ended without an agreement.

        коментарі читачів:

    Good:
        The talks ended without an agreement, the newspaper Правда reported.
    """
    text = segment.text
    if text.isascii():
        return  # every letter is Latin: one script, nothing can be foreign
    lines = ctx.segments.get("line")
    # Letters per script, line by line (one lookup per distinct character, and remembered:
    # the line rules ask about the same lines). Mojibake has none: its letters are a codec's.
    per_line = letters_per_line(ctx)
    totals = script_totals(per_line)
    if not totals:
        return
    # The page's script, told by its running text when that has enough letters.
    evidence = running_text(per_line, lines, ctx) or per_line
    main_totals = evidence_totals(evidence) if evidence is not per_line else totals
    line_share = float(ctx.options["line-share"])
    blocks, embedded = minority_blocks(lines, per_line, main_totals, line_share, evidence)
    main = main_totals.most_common(1)[0][0]
    home_share = float(ctx.options["home-share"])
    titled = partial(hosted, home_scripts=titled_scripts(ctx.document))
    for block in blocks:
        block_text = text[block.first.start : block.last.end]
        # An interface label is a leftover however short ("留言") and even in a script the
        # document uses for its terms (a Danish "Kommentarer" in a Chinese page).
        label = block.first is block.last and bool(label_languages(block_text))
        if sum(block.counts.values()) < int(ctx.options["min-letters"]) and not label:
            continue
        # A title or a component's content names things and quotes programs' output.
        named = heading(block.first, ctx.document, ctx.kind_at) or inside_element(
            block.first, ctx.written
        )
        if (
            translated_terms(block, main, label)
            or latin_names(block, block_text, label, lines, named)
            or listed_terms(block_text, block.first.start, ctx)
        ):
            continue
        home = home_scripts(block, totals, embedded, home_share)
        if cited_quotation(block_text) or skipped(ctx, block.first) or titled(block.script):
            continue
        # A label overrides a home only in Latin, the script of terms everywhere.
        if home and ((label and block.script == "Latin") or not hosted(block.script, home)):
            yield block_hit(block, lines, totals, home, identifier_for(ctx))


@rule(
    "LG003",
    "language.stray-segment",
    severity="warning",
    scope="document",
    scopes=LANGUAGE_SCOPES,
    defers=True,
    options={
        "min-words": 5,
        "min-confidence": 0.2,
        "short-confidence": 0.5,
        "max-home-probability": 0.1,
        "min-odds": 10,
        "shared-words": 0.5,
        "max-label-words": 4,
        "min-majority": 0.3,
        "rival-support": 0.5,
        "contender-vote": 0.15,
        "sure-confidence": 0.9,
        "elsewhere-vote": 0.1,
        "vocabulary-guesses": 2,
        # Swedish 'Fyll i en giltig URL.' was called Spanish at 0.50: a tie of function
        # words asks a sure identifier (benchmark false-positive documents 23.1 -> 17.0
        # per 1,000).
        "tie-confidence": 0.9,
        # Welsh has no function-word list to agree with; the document's few function words
        # ("y" is Spanish) stand against the identifier only below this.
        "unlisted-confidence": 0.8,
    },
)
def stray_segment(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph or line in another language than the document, in the same script.

    Why: An untranslated paragraph in a localisation, a Spanish "Comentarios" under an English
    story, an English "Read more" in a German one: same-script leftovers that script checks
    cannot see. Language identifiers are unreliable on short text, so the document itself is the
    context: its language (declared, or the one most of its paragraphs are in) is the prior, and
    a segment needs strong evidence to be called foreign. The paragraphs vote with their
    identifier probabilities, and the leader must write the letters the document writes
    throughout (a Serbian page that fastText reads as Russian still writes ђ and љ); when the
    leader, with its close languages, holds less than ``min-majority`` of the votes, the
    identifier does not know the document's language (Manx, Wolof), and nothing is judged
    against a guess. Only a paragraph of ``min-words`` words or more that the identifier
    places in one language at ``sure-confidence`` or more, and that the other paragraphs hardly
    vote for (under ``elsewhere-vote`` on average), strays there (an English sentence in a Manx
    page); and so do a few words whose language shows without the document's, in a language
    the paragraphs hardly vote for, none of them a word the rest of the document uses: an
    interface label, half of them function words or label words of one language and all its
    words, or fastText and CLD2 agreeing on a language whose word list holds every one of
    them (``Clear selection`` in a Manx page). So does a declared language that the
    identifier cannot name or does not find in the paragraphs (under ``min-majority`` of their
    votes), unless the page is wholly another language. The identifier is fastText's lid.176 model
    (``language-identifier = "langdetect"`` for langdetect, seeded), asked only when function
    words leave a doubt. A short segment (up to ``max-label-words`` words) is reported when it
    is an interface label of another language and not of the document's (a lexicon of 68
    languages; a label whose words are as common in the document's language, within ten
    times, is no evidence: ``Modifica`` is Catalan as well as Italian), or the name of a
    language in another language and not in the document's (a language picker's ``Deutsch``
    in a French page; CLDR's names, in 140 languages), unless the identifier takes it for
    the document's language (``Finlandais``: Romansh calls Finnish so, but it is French
    too); or, outside Markdown headings (titles name things) and quotations,
    when none of its words is a function word of the document's language (one that the
    identifier's language shares, German and Danish ``er``, does not count, nor, where the
    document's language has a word list, that the rest of the document writes it) or a word the
    rest of the document uses, and either the identifier gives another language at least
    ``short-confidence`` (and, where that language has a word list, one of the words is in it:
    ``Wydrukuj``, Polish "print", is no Dutch text), or half of its words are function words of
    one other language and all of them its words (``could not be found`` in an Icelandic page:
    words English writes everywhere are no names when its grammar holds them together), or
    localisation catalogues write half of its words in that language's labels and the rest are
    its words, none a label word of the document's language (``Add Link`` in a Czech page;
    ``rules/lexicons/interface-words.json``), or fastText and CLD2 (a second identifier that
    reads whole words, where fastText's compact model often has nothing to read on a word or
    two) name the same other language, one of the words is of it and they are not all
    capitalised as a name's are (``Register`` in a Lithuanian page), or it all but rules out the
    document's language and one of its ``vocabulary-guesses`` best foreign guesses is the
    language whose common words (wordfreq's lists) all of the segment's words are, none of them
    common in the document's language (``Kolumbian espanja`` in a Swedish page), or it all but
    rules out the document's language on two words or more, none of them the document's
    language's, not even rarely where its full list can say, and CLD2 places them in another
    language, unless they are all capitalised as a name's are (``Gwall cronfa ddata``, Welsh, in
    a Turkish page: fastText's compact model has no feature to go on); a short segment
    whose words are all common in the document's language, none ten times as common in the
    language the identifier guessed (web text of every language holds ``register``), belongs
    (``Koreai`` in a Hungarian page), and so does one of names and international words, common
    in seven languages or more (``Khmer``, ``hindi``). Letters alone are no words (an emoticon's
    ``D``), and the word lists of a language CLDR does not write in the segment's script say
    nothing of its words (web text in Korean quotes ``file``). Where the document's language has
    a full word list (21 languages, down to words used once per hundred million), a few words
    that are none of its words, and that the identifier does not consider in it at all, are text
    in another language even when the identifier cannot say which (``Pwnjabi`` in a Finnish
    page); so are Latin words in a page whose language is not written in Latin, names and
    terms aside (``Rhagolwg`` in a Greek page, not ``mDNS``). A word common in seven
    languages or more (``show``, ``rss``, a first name) is no sign that a few words are the
    document's, unless its language writes it most (Icelandic ``loka``), and is no evidence
    of another language either.
    Nor is a sentence called a language that holds ``contender-vote`` of the paragraphs' votes,
    one paragraph's whole vote set aside: the document may as well be in it, as far as the
    identifier can tell (Galician help pages that fastText half reads as Spanish). Whatever the
    evidence, a few words are not called a language that the identifier confuses with the
    document's on its own paragraphs (at least 0.05 of the vote in ``rival-support`` of them,
    one set aside): Spanish on a Galician page's ``Contido relacionado``. A longer one is
    reported when its function words do not lead in the document's language, it shares fewer
    than ``shared-words`` of its other words with the rest of the document (names, the
    document's own terms), its text outside quotation marks is not in the document's language
    (an attributed foreign quotation is not a leftover), the identifier gives another language
    at least ``min-confidence``, and the function words agree with it (the document's must not
    outscore its language's, and where the two tie, ``i``, ``en``: Swedish or Spanish, the
    identifier must give at least ``tie-confidence``; for a language without a list of them,
    Welsh, a few of the document's overrule only an identifier under ``unlisted-confidence``).
    Where fastText alone names the language, CLD2 must not take the text for the document's,
    and when half of its words, names aside, are common words of the document's language and
    none is the other language's alone, it belongs whatever the identifier says (fastText's
    compact model calls ``Modere as conversas no Slack.`` English).
    Either way the document's own language must be all but ruled out: at most
    ``max-home-probability``, and ``min-odds`` times less likely than the other. Letters are
    evidence of their own, long or short: a segment writing letters the document's language has
    not, and the rest of the document does not write (the ``ъ`` of ``Въведете списък от
    стойности`` in a Ukrainian page, whose ``от`` is Ukrainian too), is another language when
    the identifier's best guess is one, or when those letters are in half of its words
    (``ھسپانوی``, Urdu, which fastText calls Persian). A language's letters are its alphabet in
    the scripts whose alphabets tell languages apart (Cyrillic, Greek, Arabic, Devanagari's ळ;
    ``rules/lexicons/alphabets.json``), and for a Latin-script language the letters of its
    common words, borrowings included (``word-letters.json``, from wordfreq); for Japanese,
    the kanji of its common words (``han-letters.json``), read only where no kana shows a text
    to be Japanese (``關閉媒體面板`` is Chinese in a Japanese page); and a script written together
    with the document's that none of its languages writes is letters of their own too, named
    for the one language that writes them (kana: ``件数を非表示`` is Japanese in a Chinese page,
    though it is mostly Han). Names keep their letters in any Latin-script text
    (``Kraków``), so there the letters must be in two words or half, one of them lower-case,
    and the identifier's best guess must be another language (``Nke a abaghị adresị IPv6
    zuru oke``, Igbo, in a Spanish page). Front matter, fenced code, URLs and mojibake are
    not read, and the document's script is that of the text read (a paragraph of mojibake
    writes three Latin-1 letters a Han one). A Latin line in a page of another script is
    judged here, as a short segment or a sentence, where LG001 leaves it as names and Latin
    is not at home in the page (``Unknown`` alone between Hindi paragraphs), when it is
    words alone in running text: not a title, a list item or a component's content, and
    without figures, code or links (a byline's date and names, credentials to type); a word
    that more than five catalogues keep as a label (``Django``) names no language. A
    document declared in several languages accepts all of them; the word lists speak only
    when each of them has one. Evidence that names a language CLDR does not write in the
    segment's script, or Japanese for Han without kana (Chinese with it, or for fewer than
    12 Han letters in a Japanese page, all of them kanji Japanese writes: a heading of
    kanji), is no evidence: nothing is reported; nor are lists of terms
    and series of names (as LG001 reads them). One leftover is one finding: adjacent stray
    paragraphs of one language, with at most lines too short to judge between them (a
    section's heading), are reported once with the run's span; a page declared in a language
    other than the one most of its paragraphs are in is reported once over its whole text;
    and where another language rule reports the same text (LG001, or LG002 the page) this
    rule says nothing more.

    Fix: Delete the leftover, or translate it into the document's language.

    Bad:
        The talks ended without an agreement. The two sides will meet again next month.

        Comentarios

    Good:
        The talks ended without an agreement. The two sides will meet again next month.

        Low point in relations
    """
    document = ctx.document
    paragraphs = prose_paragraphs(ctx)
    if len(paragraphs) < MIN_PARAGRAPHS:
        return  # one paragraph has nothing to stray from
    limits = Limits.read(ctx.options)
    declared = ctx.declared_languages
    lines = ctx.segments.get("line")
    # The script of the text read: code, front matter and mojibake (three Latin-1 letters
    # a Han one) are not the document's writing.
    dominant = main_script("\n".join(p.text for p in paragraphs)[:SAMPLE])
    # Candidates in another script are LG001's to judge; those in a script written together
    # with the document's are this rule's (a Han line in a page whose kana lead is Chinese),
    # and so are Latin words where Latin is not at home, which LG001 may leave as names.
    family = WRITTEN_TOGETHER.get(dominant or "", frozenset()) | {dominant}
    abroad = latin_abroad(ctx) if dominant != "Latin" else []

    def read_here(candidate: Segment) -> bool:
        """In the document's script, or Latin words that LG001 leaves as names."""
        script = main_script(candidate.text)
        return script in family or (script == "Latin" and words_abroad(candidate, abroad, ctx))

    groups = [
        [Candidate(c) for c in candidates(p, lines, document) if read_here(c)] for p in paragraphs
    ]
    counts = document_words(ctx.segments.get("paragraph"), groups, document.body_start)
    own = cache(lambda: document_letters(paragraphs))  # asked only of texts with odd letters
    if not declared and uniform(groups, counts, own, limits, document):
        return  # every paragraph's function words point one way: nothing to detect
    identifier = identifier_for(ctx)
    home = document_home(paragraphs, declared, dominant, identifier, limits)
    if home is None:
        return
    if not home.known:
        # The identifier does not know the document's language, or not in this text: only
        # what it is sure of, and the rest of the document is not, can stray.
        grounds = Grounds(home.languages, counts, own, identifier, limits, script=dominant)
        for stray in unknown_home_strays(paragraphs, groups, grounds, partial(aside, ctx=ctx)):
            yield run_hit([stray], home.languages, lines, document)
        return
    if home.whole is not None:
        yield run_hit(home.whole, home.languages, lines, document)
        return
    grounds = Grounds(
        home.languages, counts, own, identifier, limits, home.rivals, home.contenders, dominant
    )
    strays: list[Stray] = []
    for position, group in enumerate(groups):
        for piece in group:
            found = judge(piece, grounds, heading(piece.segment, document, ctx.kind_at))
            if found and found[0] and not named_rightly(found[0], piece, home.languages):
                continue  # evidence that names a language the text's letters cannot be
            if found is not None and listed_terms(piece.segment.text, piece.segment.start, ctx):
                continue  # list items of a few words: the names of things
            if found is not None:
                strays.append(Stray(position, piece.segment, found))
                break  # a paragraph is reported once, whole or by its first stray line

    def short(position: int) -> bool:
        """Too short to be judged on its own: a heading between two stray paragraphs."""
        group = groups[position]
        return bool(group) and all(len(piece.tokens) < limits.min_words for piece in group)

    for run in stray_runs(strays, short):
        yield run_hit(run, home.languages, lines, document)


RULES = (foreign_script, declared_mismatch, stray_segment)
