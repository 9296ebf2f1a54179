"""Property tests: on any text the pipeline does not crash, spans stay inside, reports validate."""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from hygiene.api import Checker
from hygiene.config.settings import Config
from hygiene.core.errors import InputError
from hygiene.inputs.decoding import document_from_bytes
from hygiene.registry.packs import RuleSet
from hygiene.support import schemas

ALPHABET = st.characters(codec="utf-8") | st.sampled_from(
    list("\n\r \u00a0\u200b\u200d\u202e:WATCH коментарі 👩💻")
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=ALPHABET, max_size=300))
def test_any_text_gives_valid_report_with_spans_inside(ruleset: RuleSet, text: str) -> None:
    checker = Checker(Config(), ruleset)
    try:
        document = document_from_bytes(text.encode("utf-8"), "fuzz.txt")
    except InputError as error:  # valid UTF-8 is refused only when NULs make it look binary
        assert error.problem == "binary file, not checked"
        assert text.count("\0") * 10 > len(text.encode("utf-8"))
        return
    record, findings = checker.check(document)
    for finding in findings:
        span = finding.span
        assert 0 <= span.start <= span.end <= len(document.text)
        assert document.span(span.start, span.end) == span
        if finding.fix is not None:  # a fix changes its span, and only white space beside it
            text = document.text
            for edit in finding.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)
                assert not text[edit.start : max(edit.start, span.start)].strip()
                assert not text[min(edit.end, span.end) : edit.end].strip()
    schemas.validator(schemas.REPORT).validate(checker.report([(record, findings)]).to_dict())


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400) | st.text(alphabet=ALPHABET, max_size=200).map(
    lambda text: text.encode("utf-16-le" if len(text) % 3 == 0 else "utf-8", "surrogatepass")
))  # fmt: skip
def test_any_bytes_decode_or_are_refused_with_a_one_line_error(data: bytes) -> None:
    try:
        document = document_from_bytes(data, "fuzz.txt")
    except InputError as error:
        assert "\n" not in str(error) and str(error).startswith("fuzz.txt: ")
        return
    for issue in document.decode_issues:  # every lost byte is located, in text and in bytes
        assert document.text[issue.offset] == "\N{REPLACEMENT CHARACTER}"
        assert data[issue.byte_offset] == issue.byte


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=300))
def test_segments_tile_the_text(text: str) -> None:
    from hygiene.core.segment import Segmenter

    segments = Segmenter(text)
    lines = segments.get("line")
    assert lines[0].start == 0 and lines[-1].end == len(text)
    for before, after in pairwise(lines):
        assert text[before.end : after.start] in ("\n", "\r", "\r\n")  # one line break between
    for kind in ("line", "paragraph", "document"):
        for number, segment in enumerate(segments.get(kind)):  # type: ignore[arg-type]
            assert segment.index == number
            assert text[segment.start : segment.end] == segment.text


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=200) | st.text(alphabet=ALPHABET, max_size=100).map(
    lambda text: ('{"id": 1, "text": ' + json.dumps(text) + "}").encode()
))  # fmt: skip
def test_any_record_line_gives_documents_or_a_one_line_error(
    tmp_path_factory: Any, raw: bytes
) -> None:
    from hygiene.inputs.jsonl import iter_documents

    shard = tmp_path_factory.mktemp("shard") / "fuzz.jsonl"
    shard.write_bytes(raw + b"\n" + raw)
    for item in iter_documents(str(shard), "fuzz.jsonl"):
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item).startswith("fuzz.jsonl")
        else:
            assert item.record is not None and item.record.line in (1, 2)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_script_counts_equal_the_letters_of_each_script_run(text: str) -> None:
    from collections import Counter

    from hygiene.text import scripts

    # The definition by regexes: runs of letters that are not Latin, split by script; the
    # other letters are Latin.
    runs: Counter[str] = Counter()
    for block in scripts.NON_LATIN_LETTERS.finditer(text):
        for run in scripts.script_run_pattern().finditer(text, block.start(), block.end()):
            runs[run.lastgroup or "Other"] += run.end() - run.start()
    latin = scripts.count_letters(text) - sum(runs.values())
    if latin:
        runs["Latin"] = latin
    assert scripts.script_counts(text) == runs


_SPEECH_WORDS = [
    *("said", "says", "told", "dijo", "según", "d'après", "a", "déclaré", "AÑADIÓ", "Said"),
    *("と述べた", "说", "3", "—", ",", "«", " ", "\n", "\u00a0", "x"),
]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_SPEECH_WORDS), max_size=30))
def test_phrase_finder_finds_what_the_regex_alternation_finds(pieces: list[str]) -> None:
    """The dictionary matcher of the speech lexicon against the alternation it replaced."""
    import regex

    from hygiene.groups.provenance.speech import speech_lexicon
    from hygiene.text.phrases import PhraseFinder, alternation

    phrases = speech_lexicon().verb_phrases + speech_lexicon().according_phrases
    reference = regex.compile(alternation(phrases, r"(?<![\p{L}\p{M}])"), regex.IGNORECASE)
    text = "".join(pieces)
    found = [match.span for match in PhraseFinder(phrases).finditer(text)]
    assert found == [match.span() for match in reference.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from([*_SPEECH_WORDS, "日", "é", "\u0301", "unsaid"]), max_size=30),
    cuts=st.tuples(st.integers(0, 120), st.integers(0, 120)),
)
def test_phrase_finder_reads_a_window_of_a_text_as_the_window_alone(
    pieces: list[str], cuts: tuple[int, int]
) -> None:
    """A window given by offsets (word starts found once for the whole text) must give
    what the window cut out gives, where it cuts a word too."""
    from hygiene.groups.provenance.speech import speech_lexicon

    text = "".join(pieces)
    start, stop = min(cuts), max(cuts)
    for finder in (speech_lexicon().verbs, speech_lexicon().according):
        window = [(m.start() - start, m.end() - start) for m in finder.finditer(text, start, stop)]
        assert window == [m.span for m in finder.finditer(text[start:stop])]


MARKS = " \t\u00a0\u2003\u3000\x1c#>-*+•·▪»›→|:：.…[]()_—▼"


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(MARKS) | st.sampled_from("ab Z1ç,kM٣"), max_size=20))
@example("Comments 12.")
@example("12 comments")
@example("Shares 3k »")
@example("Views (1,024)")
def test_line_marks_are_stripped_as_the_regexes_alone_strip_them(text: str) -> None:
    """label_text and bare skip their regexes (marks, counts) when the edge characters
    cannot match; the results must be those of always running them."""
    import regex

    from hygiene.groups.boilerplate import layout as lines
    from hygiene.text.whitespace import SPACES

    # The marks a line's end loses, as the regex that defined them.
    trail = regex.compile(r"(?:[\s:：»›→>|•·▼▾↓↑▸►*_\]\)\-–—]|\.\.\.|…)+$")
    label = lines.LEAD.sub("", lines.LINK.sub(r"\1", text)).strip()
    assert lines.label_text(text) == label
    core = trail.sub("", label.strip(lines.EDGE_MARKS + " "))
    core = core.strip(lines.EDGE_MARKS + " ")
    words = lines.COUNT_AFTER.sub("", lines.COUNT_BEFORE.sub("", core))
    if words != core:
        words = trail.sub("", words)
    expected = (SPACES.sub(" ", words).casefold().strip(), words != core)
    assert lines.bare(label) == expected


_CAPTION_PIECES = [
    *("Photo", "PHOTOS", "foto", "AP Photo", "Фото", "写真", "ảnh", "Ảnh", "crédit photo"),
    *(" ", "(", ")", ":", "/", ".", "Jeff Chiu", "Reuters", "the spring", "\t", "x"),
]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_CAPTION_PIECES), max_size=12))
def test_credit_matcher_skips_only_lines_its_regex_would_not_match(pieces: list[str]) -> None:
    """A line is searched for a picture credit only when it holds a credit's first word; the
    answer must be the regex's own."""
    from hygiene.registry.kinds.line_phrase import CreditMatcher

    matcher = CreditMatcher(["photo", "photos", "ap photo", "foto", "фото", "写真", "ảnh",
                              "crédit photo"])  # fmt: skip
    text = "".join(pieces)
    assert matcher.closes(text) == (matcher._pattern.pattern.search(text) is not None)


SCRIPTS = "aé ßПривет世界ひらがなカタカナ한글שלוםمرحباΩ1.\u0301"


@given(text=st.text(alphabet=st.sampled_from(SCRIPTS), max_size=40))
def test_script_counts_are_one_lookup_per_character_of_the_script_and_letter_checks(
    text: str,
) -> None:
    """script_counts caches each character's script; the counts, and their order (ties in
    main_script go to the first), must be those of asking the script and letter regexes."""
    from collections import Counter

    from hygiene.text import scripts

    expected: Counter[str] = Counter()
    latin = 0
    for char, number in Counter(text).items():
        other = scripts.NON_LATIN_LETTERS.match(char)
        run = scripts.script_run_pattern().match(char) if other else None
        if run is not None:
            expected[run.lastgroup or "Other"] += number
        elif scripts.IS_LETTER(char):
            latin += number
    if latin:
        expected["Latin"] = latin
    assert list(scripts.script_counts(text).items()) == list(expected.items())


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab Z19٣\t\u00a0\n\r.©") | ALPHABET, max_size=300)
    | st.lists(st.sampled_from(["1" * 1000, "abc " * 150, "\n", "  ", "x9"]), max_size=8).map(
        "".join
    )
)
def test_document_line_keys_are_those_of_normalizing_each_line(text: str) -> None:
    """document_keys replaces digit runs in the whole body at once; the keys must be those of
    normalizing line by line, as BP010 does when it looks a line up."""
    from hygiene.core.corpus import document_keys, line_key, normalize
    from hygiene.core.document import LINE_BREAK

    try:
        document = document_from_bytes(text.encode("utf-8"), "doc.txt")
    except InputError:
        assume(False)  # binary-looking text is refused before any rule
    body = document.text[document.body_start :]
    expected = {line_key(n) for line in LINE_BREAK.split(body) if (n := normalize(line))}
    assert document_keys(document) == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab Z'’-日本と述べたsaidé\u0301\u0e01 1.") | ALPHABET))
def test_word_runs_are_the_word_run_regex_matches(text: str) -> None:
    """WordRuns finds a text's runs from its letter sequences; they must be the matches
    of the run regex, with their case-folded text."""
    from hygiene.text.phrases import WORD_RUN, WordRuns

    runs = WordRuns(text)
    expected = [(m.start(), m.end(), m.group().casefold()) for m in WORD_RUN.finditer(text)]
    assert list(zip(runs.starts, runs.ends, runs.keys, strict=True)) == expected


_REREAD_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗРСіїєґІЇЄҐўЎјЈљњђћџ" + (
    "ÀÁÂÃÄÅÆÇÈÉÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïñòóôõöøùúûüÿ¬ƒ–—‚∆≈√«»…“”‘’ ab1.,"
)


def _rereads_to_itself(word: str) -> bool:
    """Whether re-reading ``word`` as UTF-8 through each re-read codec fails or changes nothing."""
    from hygiene.groups.encoding.reread import REREAD_CODECS

    for codec in REREAD_CODECS:
        try:
            if word.encode(codec).decode("utf-8") != word:
                return False
        except UnicodeError:
            continue
    return True


def test_every_pair_of_characters_skipped_by_the_reread_cannot_be_reread() -> None:
    """All two-character words (a lead and a continuation byte of UTF-8) that EN001 skips."""
    from itertools import product

    from hygiene.groups.encoding.reread import continuations

    pairs = ("".join(pair) for pair in product(_REREAD_ALPHABET, repeat=2))
    assert [w for w in pairs if not continuations().search(w) and not _rereads_to_itself(w)] == []


@settings(max_examples=500, deadline=None)
@given(word=st.text(alphabet=st.sampled_from(_REREAD_ALPHABET), min_size=1, max_size=6))
def test_words_skipped_by_the_reread_cannot_be_reread(word: str) -> None:
    """EN001 re-reads a word as UTF-8 only when it holds a character the codec writes as a
    continuation byte; any other word must fail to decode, or come back unchanged."""
    from hygiene.groups.encoding.reread import continuations

    if not continuations().search(word):
        assert _rereads_to_itself(word)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab é-'’\n\n\r\t:—Ж日") | ALPHABET, max_size=200),
    front=st.booleans(),
)
def test_document_words_are_the_words_of_its_paragraphs(text: str, front: bool) -> None:
    """LG003 counts a document's words paragraph by paragraph (from its candidates where it
    can); the counts must be those of the whole body's words."""
    from collections import Counter

    from hygiene.core.segment import Segmenter
    from hygiene.groups.language.evidence import Candidate, document_words
    from hygiene.groups.lexicon import words

    data = ("---\ntitle: x\n---\n" if front else "") + text
    try:
        document = document_from_bytes(data.encode("utf-8"), "doc.md")
    except InputError:
        assume(False)
    paragraphs = Segmenter(document.text).get("paragraph")
    groups = [[Candidate(p)] for p in paragraphs[::2]]  # some paragraphs known, some not
    counted = document_words(paragraphs, groups, document.body_start)
    assert counted == Counter(words(document.text[document.body_start :]))


_EDGE_PHRASES = ["a", "ab", "abc", "abcd", "abcde", "b c", "x", "bc d", "cd", "©", "a b c d e"]


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("abcde x©."), max_size=9))
@example("abcde")
@example("abcd x")
@example("a b c d e")
@example("x bc d")
@example("©2012 ab")
def test_phrase_lists_find_what_trying_every_phrase_finds(text: str) -> None:
    """A line's edge picks the phrase lengths worth slicing; the longest phrase a line opens
    or closes with must be the one trying every phrase, longest first, finds."""
    from hygiene.registry.kinds.line_phrase import CLOSING_PHRASE_FOLLOWS, PhraseList
    from hygiene.text.phrases import UNSPACED, ends_word

    phrases = PhraseList(PhraseList.tables(_EDGE_PHRASES))
    by_length = sorted(_EDGE_PHRASES, key=len, reverse=True)

    def opens(phrase: str) -> bool:
        last = phrase[-1]
        return text.startswith(phrase) and (
            not last.isalnum() or bool(UNSPACED.match(last)) or ends_word(text, len(phrase))
        )

    def closes(phrase: str) -> bool:
        start = len(text) - len(phrase)
        return text.endswith(phrase) and (
            start == 0 or CLOSING_PHRASE_FOLLOWS.match(text, start - 1) is not None
        )

    opening = next((len(p) for p in by_length if opens(p)), None)
    closing = next((len(text) - len(p) for p in by_length if closes(p)), None)
    assert phrases.opening(text) == opening
    assert phrases.closing(text) == closing
